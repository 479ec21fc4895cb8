package org.hrmtext.ports;

import java.nio.file.Path;

/**
 * Saves and loads training checkpoints (model directory + optimizer and trainer state).
 * Saving is atomic: a crash never leaves a half-written checkpoint in place of a good one.
 */
public interface CheckpointStore {

    void save(Path dir, Checkpoint checkpoint);

    Checkpoint load(Path dir);
}
