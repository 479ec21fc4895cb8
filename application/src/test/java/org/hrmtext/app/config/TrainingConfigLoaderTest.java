package org.hrmtext.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelPresets;
import org.hrmtext.domain.schedule.CreditPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingConfigLoaderTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path f = dir.resolve("run.yaml");
        Files.writeString(f, text);
        return f;
    }

    private String error(String text, String... overrides) throws IOException {
        Path f = yaml(text);
        return assertThrows(InvalidInputException.class, () -> TrainingConfigLoader.load(f, List.of(overrides))).getMessage();
    }

    @Test
    void readsEverySection() throws IOException {
        TrainingConfig c = TrainingConfigLoader.load(yaml("""
                model:
                  preset: tiny
                  H_cycles: 3
                  rope_theta: 500000.0
                train: {steps: 40, seq_len: 64, rows: 2, seed: 7, log_every: 5, checkpoint_every: 20, credit_warmup: false}
                optimizer: {lr: 3e-4, warmup_steps: 4, min_lr_ratio: 0.1, beta1: 0.8, beta2: 0.9, weight_decay: 0.0, ema: 0.99}
                backend: {train: djl, infer: djl, device: cpu, threads: 1}
                """), List.of());
        assertEquals(Architecture.HRM, c.model().architecture());
        assertEquals(3, c.model().recurrence().hCycles());
        assertEquals(500000.0, c.model().ropeTheta());
        assertEquals(64, c.model().hiddenSize());
        assertEquals(40, c.train().steps());
        assertEquals(64, c.train().seqLen());
        assertEquals(7, c.train().seed());
        assertFalse(c.train().creditWarmup());
        assertEquals(3e-4, c.optimizer().lr());
        assertEquals(0.8, c.optimizer().adamAtan2().beta1());
        assertEquals(0.99, c.optimizer().adamAtan2().emaDecay());
        assertEquals(1, c.backend().options().threads());
        assertEquals("constant", c.train().creditText());
    }

    @Test
    void defaultsMatchThePresetAndDocumentedValues() throws IOException {
        TrainingConfig c = TrainingConfigLoader.load(yaml("train: {steps: 100}\n"), List.of());
        assertEquals(ModelPresets.named("tiny"), c.model());
        assertEquals(256, c.train().seqLen());
        assertEquals(8, c.train().rows());
        assertTrue(c.train().creditWarmup());
        assertEquals(OptimizerSettings.DEFAULT_LR, c.optimizer().lr());
        assertEquals(5, c.optimizer().warmupSteps());
        assertEquals("djl", c.backend().train());
        assertEquals("cpu", c.backend().device());
    }

    @Test
    void setOverridesDottedKeysWithYamlScalars() throws IOException {
        TrainingConfig c = TrainingConfigLoader.load(yaml("train: {steps: 100}\nmodel: {preset: tiny}\n"),
                List.of("train.steps=50", "model.hidden_size=128", "optimizer.lr=2e-3", "train.credit=H1L2",
                        "model.architecture=trm", "backend.threads=2"));
        assertEquals(50, c.train().steps());
        assertEquals(128, c.model().hiddenSize());
        assertEquals(32, c.model().headDim());
        assertEquals(Architecture.TRM, c.model().architecture());
        assertEquals(2e-3, c.optimizer().lr());
        assertEquals(new CreditPattern(1, 2), c.train().credit().orElseThrow());
        assertEquals(2, c.backend().threads());
    }

    @Test
    void setCreatesMissingSections() throws IOException {
        TrainingConfig c = TrainingConfigLoader.load(yaml(""), List.of("train.steps=3"));
        assertEquals(3, c.train().steps());
    }

    @Test
    void unknownKeyNamesFileAndKey() throws IOException {
        String m = error("train: {steps: 10, stepz: 3}\n");
        assertTrue(m.contains("run.yaml") && m.contains("train.stepz") && m.contains("unknown key"), m);
    }

    @Test
    void unknownKeyFromSetSaysSo() throws IOException {
        String m = error("train: {steps: 10}\n", "optimizer.learning_rate=1");
        assertTrue(m.contains("optimizer.learning_rate") && m.contains("--set"), m);
    }

    @Test
    void mistypedValueNamesFileKeyAndExpectation() throws IOException {
        String m = error("train: {steps: ten}\n");
        assertTrue(m.contains("run.yaml") && m.contains("train.steps") && m.contains("expected an integer"), m);
        m = error("train: {steps: 10, credit_warmup: maybe}\n");
        assertTrue(m.contains("train.credit_warmup") && m.contains("true or false"), m);
        m = error("train: {steps: 10}\noptimizer: {lr: fast}\n");
        assertTrue(m.contains("optimizer.lr") && m.contains("a number"), m);
    }

    @Test
    void modelKeysAreCheckedByTheConfigReader() throws IOException {
        String m = error("train: {steps: 10}\nmodel: {hidden_size: wide}\n");
        assertTrue(m.contains("run.yaml") && m.contains("hidden_size") && m.contains("expected an integer"), m);
        m = error("train: {steps: 10}\nmodel: {num_attention_heads: 5}\n");
        assertTrue(m.contains("run.yaml") && m.contains("does not divide"), m);
        m = error("train: {steps: 10}\nmodel: {H_cyclez: 2}\n");
        assertTrue(m.contains("model.H_cyclez") && m.contains("unknown key"), m);
        m = error("train: {steps: 10}\nmodel: {preset: huge}\n");
        assertTrue(m.contains("model.preset") && m.contains("huge"), m);
        m = error("train: {steps: 10}\nmodel: {architecture: lstm}\n");
        assertTrue(m.contains("model.architecture") && m.contains("lstm"), m);
    }

    @Test
    void recordValidationNamesTheFile() throws IOException {
        String m = error("train: {steps: 0}\n");
        assertTrue(m.contains("run.yaml") && m.contains("train.steps"), m);
        m = error("train: {steps: 5}\nbackend: {device: tpu}\n");
        assertTrue(m.contains("run.yaml") && m.contains("backend.device"), m);
        m = error("train: {steps: 5, credit: H2X3}\n");
        assertTrue(m.contains("train.credit") && m.contains("H2X3"), m);
    }

    @Test
    void structuralErrors() throws IOException {
        assertTrue(error("").contains("missing key train.steps"));
        assertTrue(error("training: {steps: 3}\n").contains("unknown section"));
        assertTrue(error("train: [1, 2]\n").contains("expected a section"));
        assertTrue(error("train: {steps: 3\n").contains("invalid YAML"));
        assertTrue(error("train: {steps: 3}\n", "train.steps").contains("expected key=value"));
        assertTrue(error("train: {steps: 3, steps: 4}\n").contains("invalid YAML"));
        Path missing = dir.resolve("nope.yaml");
        assertTrue(assertThrows(InvalidInputException.class, () -> TrainingConfigLoader.load(missing, List.of()))
                .getMessage().contains("file not found"));
    }
}
