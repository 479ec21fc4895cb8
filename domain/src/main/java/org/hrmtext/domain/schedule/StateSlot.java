package org.hrmtext.domain.schedule;

/**
 * The recurrent states a schedule reads and writes. Every backend starts them the same way:
 * {@code INPUT} = embedding_scale · E[token]; {@code Z_H} = {@code INPUT}; {@code Z_L} = the
 * frozen {@code z_L_init} vector broadcast over positions (for architectures that have it).
 */
public enum StateSlot {
    INPUT,
    Z_H,
    Z_L
}
