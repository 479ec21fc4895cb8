package org.hrmtext.ports;

import java.util.Map;

/** Receives one metrics record (step, loss, accuracies, gradient norm, lr, bp_steps, tokens/s). */
public interface MetricsSink extends AutoCloseable {

    void record(Map<String, Object> metrics);

    @Override
    void close();
}
