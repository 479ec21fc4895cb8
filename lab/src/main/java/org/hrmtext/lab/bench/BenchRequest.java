package org.hrmtext.lab.bench;

import org.hrmtext.domain.InvalidInputException;

/** One {@code hrm bench train} invocation: model preset, backend, timed steps and compute threads. */
public record BenchRequest(String preset, String backend, int steps, int threads) {

    public BenchRequest {
        if (steps < 1) {
            throw new InvalidInputException("--steps: expected a positive integer, got " + steps);
        }
        if (threads < 0) {
            throw new InvalidInputException("--threads: expected an integer >= 0, got " + threads);
        }
    }
}
