package org.hrmtext.domain.schedule;

/**
 * Which level of the recurrence a call plays, which decides its credit. It is not always the
 * stack whose weights run: TRM's high-level updates run the shared low stack.
 */
public enum CallRole {
    HIGH,
    LOW
}
