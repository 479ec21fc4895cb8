package org.hrmtext.app.train;

import java.nio.file.Path;

/** How a training run ended: the last step, its loss, and where the checkpoint and model are. */
public record TrainingSummary(long step, double loss, Path checkpoint, Path modelDirectory) {
}
