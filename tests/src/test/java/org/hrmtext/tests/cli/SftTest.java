package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hrmtext.cli.Hrm;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.formats.safetensors.Safetensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards {@code hrm sft} from a five-step tiny HRM run on the reverse task: fine-tuning from
 * {@code RUN/checkpoint} and from a plain model directory (the run exported by {@code export-hf}:
 * no optimizer state, no EMA);
 * {@code --use-ema} starts from the checkpoint's EMA weights (one step at a negligible learning
 * rate leaves them in place), and is a one-line error on a directory without EMA weights; the
 * bundled defaults train at the full backprop depth from the first step (no credit warmup); a
 * {@code --config} that names a few keys keeps the SFT defaults for the others ({@code --set} over
 * {@code --config} over {@code sft.yaml}); {@code --use-ema} after a five-step run warns that the
 * EMA is still mostly the initial weights.
 */
class SftTest {
    @TempDir
    static Path dir;

    private static TrainInputs inputs;
    private static Path run;
    private static Path plain;

    /** A five-step run and its model exported in Hugging Face layout (no optimizer state, no EMA). */
    @BeforeAll
    static void trainFiveSteps() {
        inputs = new TrainInputs(dir);
        run = inputs.run();
        inputs.train(run, "--set", "train.steps=5").succeeded();
        plain = dir.resolve("hf");
        Hrm.run("export-hf", "--model", run, "--out", plain).succeeded();
    }

    private static Hrm.Result sft(Path from, Path out, Object... extra) {
        return Hrm.run("sft", "--from", from, "--data", inputs.data(), "--out", out, extra);
    }

    @Test
    void continuesFromACheckpoint() {
        Path out = dir.resolve("from-checkpoint");
        sft(run.resolve("checkpoint"), out, "--config", inputs.config(), "--set", "train.steps=3").succeeded();
        assertEquals(List.of(1.0, 2.0, 3.0), Metrics.column(out, "step"), "a new run from step 0");
        assertTrue(Files.exists(out.resolve("model.safetensors")) && Files.exists(out.resolve("checkpoint")));
    }

    @Test
    void continuesFromAPlainModelDirectory() {
        Path out = dir.resolve("from-model");
        sft(plain, out, "--config", inputs.config(), "--set", "train.steps=2").succeeded();
        assertEquals(2, Metrics.of(out).size());
    }

    @Test
    void useEmaStartsFromTheEmaWeights() {
        Path out = dir.resolve("from-ema");
        sft(run.resolve("checkpoint"), out, "--config", inputs.config(), "--use-ema", "--set", "train.steps=1",
                "--set", "optimizer.lr=1e-12").succeeded();
        Map<String, HostTensor> ema = Safetensors.read(run.resolve("checkpoint").resolve("model_ema.safetensors"));
        Map<String, HostTensor> raw = Safetensors.read(run.resolve("checkpoint").resolve("model.safetensors"));
        Map<String, HostTensor> tuned = Safetensors.read(out.resolve("model.safetensors"));
        assertTrue(maxAbsDifference(ema, raw) > 1e-4, "precondition: EMA and raw weights differ");
        assertTrue(maxAbsDifference(ema, tuned) < 1e-6, "one step at lr 1e-12 stays at the EMA weights");
    }

    @Test
    void useEmaWithoutEmaWeightsIsAnError() {
        Path out = dir.resolve("no-ema");
        String m = sft(plain, out, "--config", inputs.config(), "--use-ema").failure(Hrm.BAD_INPUT, "sft");
        assertTrue(m.startsWith("--use-ema: " + plain + " has no model_ema.safetensors"), m);
        assertFalse(Files.exists(out), "output directory created");
    }

    @Test
    void bundledDefaultsTrainAtFullDepthFromTheFirstStep() {
        Path out = dir.resolve("defaults");
        sft(run.resolve("checkpoint"), out, "--set", "train.steps=2", "--set", "train.seq_len=64", "--set", "train.rows=2",
                "--set", "train.log_every=1", "--set", "backend.threads=1").succeeded();
        assertEquals(List.of(5.0, 5.0), Metrics.column(out, "bp_steps"), "H2L3 tiny HRM: bp_max_steps 5, no warmup");
    }

    @Test
    void aPartialConfigKeepsTheSftDefaultsForTheRest() throws java.io.IOException {
        Path config = Files.writeString(dir.resolve("partial.yaml"),
                "train:\n  steps: 2\n  seq_len: 64\n  rows: 2\noptimizer:\n  warmup_steps: 1\nbackend:\n  threads: 1\n");
        Path out = dir.resolve("partial");
        sft(run.resolve("checkpoint"), out, "--config", config, "--set", "optimizer.warmup_steps=0").succeeded();
        Map<String, Object> settings = trainerSettings(out);
        assertEquals(1.0e-4, settings.get("lr"), "lr from sft.yaml, not the generic default");
        assertEquals(0.999, settings.get("ema"), "EMA from sft.yaml");
        assertEquals("constant", settings.get("credit"), "credit warmup off, from sft.yaml");
        assertEquals(0L, settings.get("warmup_steps"), "--set wins over --config");
        assertEquals(2L, settings.get("steps"), "--config wins over sft.yaml");
    }

    @Test
    void useEmaAfterAShortRunWarns() {
        Hrm.Result r = sft(run.resolve("checkpoint"), dir.resolve("ema-warning"), "--config", inputs.config(), "--use-ema",
                "--set", "train.steps=1").succeeded();
        assertTrue(r.err().contains("hrm sft: warning: --use-ema: " + run.resolve("checkpoint") + " was trained 5 steps with EMA "
                + "decay 0.9999, so its EMA is still 100 % the initial (untrained) weights"), r.err());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> trainerSettings(Path out) throws java.io.IOException {
        return (Map<String, Object>) org.hrmtext.formats.json.Json.parseObject(
                Files.readString(out.resolve("checkpoint").resolve("trainer_state.json"))).get("settings");
    }

    private static double maxAbsDifference(Map<String, HostTensor> a, Map<String, HostTensor> b) {
        assertEquals(a.keySet(), b.keySet());
        double max = 0;
        for (HostTensor t : a.values()) {
            float[] other = b.get(t.name()).data();
            for (int i = 0; i < other.length; i++) {
                max = Math.max(max, Math.abs(t.data()[i] - other[i]));
            }
        }
        return max;
    }
}
