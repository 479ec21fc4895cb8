package org.hrmtext.app.train;

import java.nio.file.Path;
import java.util.Optional;
import org.hrmtext.app.config.TrainingConfig;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.WeightInitializer;
import org.hrmtext.ports.Checkpoint;
import org.hrmtext.ports.OptimizerState;

/**
 * Where a run starts: fresh weights from the seed at step 0, or a checkpoint's weights, optimizer
 * state, step and data position ({@code checkpoint} names it for messages).
 */
record RunStart(ModelWeights weights, Optional<OptimizerState> optimizer, long step, int epoch, int batchInEpoch,
        Optional<Path> checkpoint) {

    static RunStart fresh(TrainingConfig config) {
        ModelWeights w = WeightInitializer.initialize(ParameterLayout.of(config.model()), config.train().seed());
        return new RunStart(w, Optional.empty(), 0, 0, 0, Optional.empty());
    }

    /** Step 0 from given weights (and optimizer state), e.g. a fine-tuning run. */
    static RunStart from(InitialWeights init, TrainingConfig config) {
        if (!init.weights().layout().config().equals(config.model())) {
            throw new InvalidInputException("the starting weights describe another model than the config's model section");
        }
        return new RunStart(init.weights(), init.optimizer(), 0, 0, 0, Optional.empty());
    }

    /** Continues from a checkpoint, which must hold the configured model and data layout. */
    static RunStart resume(Path dir, Checkpoint cp, TrainingConfig config) {
        if (!cp.weights().layout().config().equals(config.model())) {
            throw new InvalidInputException("--resume " + dir + ": the checkpoint's config.json describes another model "
                    + "than the config's model section");
        }
        RunSettings.checkResumable(dir.toString(), cp.trainer().settings(), RunSettings.of(config));
        var t = cp.trainer();
        return new RunStart(cp.weights(), Optional.of(cp.optimizer()), t.step(), t.epoch(), t.batchInEpoch(),
                Optional.of(dir));
    }
}
