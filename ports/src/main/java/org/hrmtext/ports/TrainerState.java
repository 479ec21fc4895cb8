package org.hrmtext.ports;

import java.util.Map;

/**
 * Where a training run is: the last completed step, the data position (epoch and batch within
 * it) and the run's settings as a flat key→value map, so a resumed run continues exactly.
 */
public record TrainerState(long step, int epoch, int batchInEpoch, Map<String, Object> settings) {

    public TrainerState {
        settings = Map.copyOf(settings);
    }
}
