package org.hrmtext.app.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hrmtext.app.io.AtomicDirectory;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.formats.model.SafetensorsWeights;
import org.hrmtext.formats.safetensors.Safetensors;
import org.hrmtext.formats.safetensors.SafetensorsWriter;
import org.hrmtext.ports.Checkpoint;
import org.hrmtext.ports.CheckpointStore;
import org.hrmtext.ports.OptimizerState;

/**
 * Checkpoints as directories of safetensors and JSON files, backend independent:
 *
 * <pre>
 * checkpoint/
 *   config.json              model config (Hugging Face keys)
 *   model.safetensors        raw weights            (a model directory on its own)
 *   model_ema.safetensors    EMA weights
 *   optimizer.safetensors    exp_avg.&lt;name&gt;, exp_avg_sq.&lt;name&gt;
 *   trainer_state.json       step, epoch, batch_in_epoch, optimizer_steps, settings
 * </pre>
 *
 * A save replaces the directory atomically ({@link AtomicDirectory}); a load validates every
 * file and tensor and names the one at fault. The provenance takes {@code backend} and
 * {@code seed} from the trainer settings.
 */
public final class SafetensorsCheckpointStore implements CheckpointStore {
    public static final String EMA = "model_ema.safetensors";
    public static final String OPTIMIZER = "optimizer.safetensors";
    public static final String TRAINER_STATE = "trainer_state.json";

    @Override
    public void save(Path dir, Checkpoint checkpoint) {
        Map<String, Object> settings = checkpoint.trainer().settings();
        Provenance provenance = new Provenance(String.valueOf(settings.getOrDefault("backend", "unknown")),
                settings.get("seed") instanceof Number ? ((Number) settings.get("seed")).longValue() : 0L,
                checkpoint.trainer().step());
        OptimizerState opt = checkpoint.optimizer();
        ModelConfig config = checkpoint.weights().layout().config();
        AtomicDirectory.replace(dir, tmp -> {
            ModelDirectory.write(tmp, checkpoint.weights(), provenance);
            ModelDirectory.writeWeights(tmp.resolve(EMA), opt.ema(), "ema weights", provenance);
            SafetensorsWriter.write(tmp.resolve(OPTIMIZER),
                    OptimizerTensors.flatten(opt.firstMoments(), opt.secondMoments()),
                    provenance.metadata("adamatan2 moments", config));
            Files.writeString(tmp.resolve(TRAINER_STATE), TrainerStateJson.write(checkpoint.trainer(), opt.tensorSteps()),
                    StandardCharsets.UTF_8);
        });
    }

    @Override
    public Checkpoint load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": not a checkpoint directory (expected " + ModelDirectory.CONFIG
                    + ", " + ModelDirectory.WEIGHTS + ", " + EMA + ", " + OPTIMIZER + ", " + TRAINER_STATE + ")");
        }
        ModelWeights weights = ModelDirectory.read(dir);
        ParameterLayout layout = weights.layout();
        ModelWeights ema = SafetensorsWeights.read(layout, dir.resolve(EMA));
        Path stateFile = dir.resolve(TRAINER_STATE);
        TrainerStateJson.Parsed state = TrainerStateJson.parse(stateFile.toString(), readString(stateFile), layout);
        Path optFile = dir.resolve(OPTIMIZER);
        Map<String, HostTensor> tensors = Safetensors.read(optFile);
        List<Map<String, HostTensor>> moments = OptimizerTensors.split(optFile.toString(), tensors, layout,
                state.optimizerSteps().keySet());
        OptimizerState optimizer = new OptimizerState(moments.get(0), moments.get(1), state.optimizerSteps(), ema);
        return new Checkpoint(weights, optimizer, state.trainer());
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage());
        }
    }
}
