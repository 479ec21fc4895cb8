package org.hrmtext.app.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.ParameterSpec;
import org.hrmtext.formats.safetensors.Safetensors;
import org.hrmtext.formats.safetensors.SafetensorsWriter;
import org.hrmtext.domain.model.WeightInitializer;
import org.hrmtext.ports.Checkpoint;
import org.hrmtext.ports.OptimizerState;
import org.hrmtext.ports.TrainerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsCheckpointStoreTest {
    @TempDir
    Path dir;

    private final SafetensorsCheckpointStore store = new SafetensorsCheckpointStore();
    private final ParameterLayout layout = ParameterLayout.of(ModelConfig.of(Architecture.HRM, 16, 8, 2, 1));

    private Checkpoint checkpoint(long step) {
        ModelWeights weights = WeightInitializer.initialize(layout, step);
        ModelWeights ema = WeightInitializer.initialize(layout, step + 100);
        Map<String, HostTensor> m = new LinkedHashMap<>();
        Map<String, HostTensor> v = new LinkedHashMap<>();
        Map<String, Long> steps = new LinkedHashMap<>();
        for (ParameterSpec s : layout.trainable()) {
            m.put(s.name(), scaled(weights.get(s.name()), 0.5f));
            v.put(s.name(), scaled(weights.get(s.name()), 0.25f));
            steps.put(s.name(), s.name().contains("embed") ? step - 1 : step);
        }
        Map<String, Object> settings = Map.of("backend", "hand-made", "seed", 3L, "lr", 1e-3);
        return new Checkpoint(weights, new OptimizerState(m, v, steps, ema), new TrainerState(step, 1, 2, settings));
    }

    private static HostTensor scaled(HostTensor t, float k) {
        float[] d = t.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] *= k;
        }
        return new HostTensor(t.name(), t.shape(), d);
    }

    private static void assertSame(Checkpoint a, Checkpoint b) {
        assertEquals(new ArrayList<>(a.weights().all()), new ArrayList<>(b.weights().all()));
        assertEquals(new ArrayList<>(a.optimizer().ema().all()), new ArrayList<>(b.optimizer().ema().all()));
        assertEquals(a.optimizer().firstMoments(), b.optimizer().firstMoments());
        assertEquals(a.optimizer().secondMoments(), b.optimizer().secondMoments());
        assertEquals(a.optimizer().tensorSteps(), b.optimizer().tensorSteps());
        assertEquals(a.trainer(), b.trainer());
        assertEquals(a.weights().layout().config(), b.weights().layout().config());
    }

    @Test
    void roundTripsEverythingExactly() {
        Path ckpt = dir.resolve("checkpoint");
        Checkpoint c = checkpoint(5);
        store.save(ckpt, c);
        assertSame(c, store.load(ckpt));
    }

    @Test
    void savingAgainReplacesAtomicallyWithoutLeftovers() throws IOException {
        Path ckpt = dir.resolve("checkpoint");
        store.save(ckpt, checkpoint(5));
        Checkpoint later = checkpoint(9);
        store.save(ckpt, later);
        assertSame(later, store.load(ckpt));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(ckpt), s.toList());
        }
        try (Stream<Path> s = Files.list(ckpt)) {
            assertEquals(5, s.count());
        }
    }

    @Test
    void writesProvenanceAndReferenceOptimizerNames() throws IOException {
        Path ckpt = dir.resolve("checkpoint");
        store.save(ckpt, checkpoint(5));
        String header = Files.readString(ckpt.resolve("model.safetensors"), java.nio.charset.StandardCharsets.ISO_8859_1)
                .substring(8, 600);
        assertTrue(header.contains("\"producer\":\"hrm-text-jvm\"") && header.contains("\"backend\":\"hand-made\"")
                && header.contains("\"seed\":\"3\""), header);
        Map<String, HostTensor> opt = Safetensors.read(ckpt.resolve("optimizer.safetensors"));
        assertTrue(opt.containsKey("exp_avg.lm_head.weight") && opt.containsKey("exp_avg_sq.lm_head.weight"));
        assertEquals(2 * layout.trainable().size(), opt.size());
        assertTrue(Files.readString(ckpt.resolve("trainer_state.json")).contains("\"batch_in_epoch\": 2"));
    }

    @Test
    void loadNamesTheFileAndTensorAtFault() throws IOException {
        Path ckpt = dir.resolve("checkpoint");
        store.save(ckpt, checkpoint(5));
        Path opt = ckpt.resolve("optimizer.safetensors");
        Map<String, HostTensor> tensors = new LinkedHashMap<>(Safetensors.read(opt));
        tensors.remove("exp_avg_sq.lm_head.weight");
        SafetensorsWriter.write(opt, tensors.values(), Map.of());
        String m = assertThrows(InvalidInputException.class, () -> store.load(ckpt)).getMessage();
        assertTrue(m.contains("optimizer.safetensors") && m.contains("exp_avg_sq.lm_head.weight"), m);

        store.save(ckpt, checkpoint(5));
        byte[] ema = Files.readAllBytes(ckpt.resolve("model_ema.safetensors"));
        Files.write(ckpt.resolve("model_ema.safetensors"), java.util.Arrays.copyOf(ema, ema.length - 10));
        m = assertThrows(InvalidInputException.class, () -> store.load(ckpt)).getMessage();
        assertTrue(m.contains("model_ema.safetensors") && m.contains("truncated"), m);

        store.save(ckpt, checkpoint(5));
        Files.writeString(ckpt.resolve("trainer_state.json"), "{\"step\": -1}");
        m = assertThrows(InvalidInputException.class, () -> store.load(ckpt)).getMessage();
        assertTrue(m.contains("trainer_state.json") && m.contains("step"), m);

        m = assertThrows(InvalidInputException.class, () -> store.load(dir.resolve("absent"))).getMessage();
        assertTrue(m.contains("not a checkpoint directory"), m);
    }
}
