package org.hrmtext.ports;

/**
 * One backend's {@code n×n×n} float32 matrix product, set up once (operands on the device, session
 * or graph built) and run to completion by each {@link #run()}. Backends provide only this; the
 * timing rule is {@link MatmulRate}'s, the same for all of them.
 */
public interface MatmulProduct extends AutoCloseable {

    /** Computes the product once and returns when its result is complete. */
    void run();

    @Override
    void close();
}
