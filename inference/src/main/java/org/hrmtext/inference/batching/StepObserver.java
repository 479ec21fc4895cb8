package org.hrmtext.inference.batching;

/** Told about every decode step (on the scheduler thread; keep it quick). */
@FunctionalInterface
public interface StepObserver {

    /**
     * @param rows requests decoded together in this step
     * @param forwardNanos time inside the backend's forward
     * @param javaNanos the scheduler's own time around it: attention bias, sampling, bookkeeping
     */
    void onStep(int rows, long forwardNanos, long javaNanos);

    StepObserver NONE = (rows, forwardNanos, javaNanos) -> { };
}
