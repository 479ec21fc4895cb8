package org.hrmtext.tests.faults;

import static org.hrmtext.tests.faults.FaultCase.Group.CONFIGS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Broken training and SFT configs: YAML that is malformed or not a mapping, unknown keys, values
 * of the wrong type, zero, negative or out of range, in the file or from {@code --set}; a memory
 * estimate far beyond the machine ({@code train.rows=1e9}); a credit pattern deeper than the model
 * ({@code --credit H9L9}); config or resume paths that do not exist. Refused by {@code train} and
 * {@code sft} before the output folder is made.
 */
final class ConfigFaults {
    private ConfigFaults() {
    }

    static Object[] train(Workspace w, Path config, Object... extra) {
        return new Object[] {"train", "--config", config, "--data", w.ids(), "--out", w.out().resolve("run"), extra};
    }

    /** The line {@code line} of the config replaced by {@code replacement}; the message names variant.yaml and each part. */
    private static FaultCase line(String line, String replacement, String... expected) {
        String[] all = new String[expected.length + 1];
        all[0] = "{ws}/variant.yaml";
        System.arraycopy(expected, 0, all, 1, expected.length);
        return FaultCase.of(CONFIGS, "yaml `" + replacement.strip() + "`", "train", w -> train(w, w.yamlWith(line, replacement)),
                all);
    }

    /** {@code --set KEY=VALUE} on the good config. */
    private static FaultCase set(String assignment, String... expected) {
        return FaultCase.of(CONFIGS, "--set " + assignment, "train", w -> train(w, w.yaml(), "--set", assignment), expected);
    }

    /** Like {@link #line} for a key checked after loading, where the message names the key but not the file. */
    private static FaultCase lineKey(String line, String replacement, String... expected) {
        return FaultCase.of(CONFIGS, "yaml `" + replacement.strip() + "`", "train", w -> train(w, w.yamlWith(line, replacement)),
                expected);
    }

    static List<FaultCase> cases() {
        List<FaultCase> c = new ArrayList<>();
        c.add(line("  rows: 2", "  rows: [2", "invalid YAML"));
        c.add(line("  rows: 2", "\trows: 2", "YAML"));
        c.add(line("  rows: 2", "  rowz: 2", "train.rowz", "unknown key"));
        c.add(line("model:", "modle:", "modle", "unknown section"));
        c.add(line("  lr: 3.0e-3", "  learning_rate: 3.0e-3", "optimizer.learning_rate", "unknown key"));
        c.add(line("  threads: 1", "  thread: 1", "backend.thread", "unknown key"));
        c.add(line("  preset: tiny", "  preset: tiny\n  hiden_size: 32", "model.hiden_size", "unknown key"));
        c.add(line("  rows: 2", "  rows: many", "train.rows", "expected an integer"));
        c.add(line("  rows: 2", "  rows: 2.5", "train.rows", "integer"));
        c.add(line("  rows: 2", "  rows: 0", "train.rows", "positive"));
        c.add(line("  rows: 2", "  rows: -4", "train.rows", "positive"));
        c.add(line("  steps: 1", "  steps: 0", "train.steps", "positive"));
        c.add(line("  steps: 1", "  steps: -1", "train.steps", "positive"));
        c.add(line("  steps: 1", "  steps: 1e12", "train.steps"));
        c.add(line("  steps: 1", "  steps: [1, 2]", "train.steps", "integer"));
        c.add(line("  seq_len: 64", "  seq_len: 1", "train.seq_len", ">= 2"));
        c.add(line("  seq_len: 64", "  seq_len: long", "train.seq_len", "integer"));
        c.add(line("  log_every: 1", "  log_every: 0", "train.log_every", "positive"));
        c.add(line("  checkpoint_every: 5", "  checkpoint_every: -5", "train.checkpoint_every", "positive"));
        c.add(line("  credit_warmup: false", "  credit_warmup: maybe", "train.credit_warmup", "true or false"));
        c.add(line("  credit_warmup: false", "  credit_warmup: false\n  max_minutes: -1", "train.max_minutes", ">= 0"));
        c.add(line("  credit_warmup: false", "  credit_warmup: false\n  credit: H1L", "train.credit", "H1L"));
        c.add(line("  lr: 3.0e-3", "  lr: 0", "lr"));
        c.add(line("  lr: 3.0e-3", "  lr: -1e-3", "lr"));
        c.add(line("  lr: 3.0e-3", "  lr: fast", "optimizer.lr", "expected a number"));
        c.add(line("  lr: 3.0e-3", "  lr: .nan", "line 12"));
        c.add(line("  warmup_steps: 1", "  warmup_steps: -1", "warmup_steps"));
        c.add(line("  min_lr_ratio: 1.0", "  min_lr_ratio: 2", "min_lr_ratio"));
        c.add(line("  threads: 1", "  threads: -2", "backend.threads"));
        c.add(line("  threads: 1", "  threads: 1\n  device: tpu", "backend.device", "tpu"));
        c.add(lineKey("  train: djl", "  train: nope", "key backend.train", "nope", "djl", "!onnx"));
        c.add(line("  threads: 1", "  threads: 2\n  deterministic: true", "backend.deterministic"));
        c.add(line("  preset: tiny", "  preset: huge", "preset", "huge"));
        c.add(line("  preset: tiny", "  preset: tiny\n  architecture: lstm", "architecture", "lstm"));
        c.add(line("  preset: tiny", "  preset: tiny\n  hidden_size: 0", "hidden_size"));
        c.add(line("  preset: tiny", "  preset: tiny\n  num_attention_heads: 7", "num_attention_heads"));
        c.add(line("  preset: tiny", "  preset: tiny\n  H_cycles: 0", "H_cycles"));
        c.add(line("model:", "model: 5", "invalid YAML at line 2"));
        c.add(FaultCase.of(CONFIGS, "yaml a list, not a mapping", "train", w -> train(w, w.write("list.yaml", "- 1\n- 2\n")),
                "{ws}/list.yaml"));
        c.add(FaultCase.of(CONFIGS, "yaml random bytes", "train", w -> {
            byte[] junk = new byte[200];
            new java.util.SplittableRandom(5).nextBytes(junk);
            return train(w, w.writeBytes("junk.yaml", junk));
        }, "{ws}/junk.yaml"));
        c.add(FaultCase.of(CONFIGS, "config file missing", "train", w -> train(w, w.path("none.yaml")), "{ws}/none.yaml"));
        c.add(FaultCase.of(CONFIGS, "config is a folder", "train", w -> train(w, w.model()), "{ws}/model"));
        c.add(FaultCase.of(CONFIGS, "train.rows=1e9 needs more memory than the machine has", "train",
                w -> train(w, w.yaml(), "--set", "train.rows=1000000000"), "train.rows", "tokens per step"));
        c.add(FaultCase.of(CONFIGS, "train.rows=2e6 needs more memory than the machine has", "train",
                w -> train(w, w.yaml(), "--set", "train.rows=2000000"), "memory"));
        c.add(FaultCase.of(CONFIGS, "seq_len=1e8 beyond max_position_embeddings", "train",
                w -> train(w, w.yaml(), "--set", "train.seq_len=100000000"), "train.seq_len", "max_position_embeddings"));
        c.add(set("optimizer.lr=fast", "{ws}/tiny.yaml", "optimizer.lr (from --set)", "expected a number"));
        c.add(set("train.steps=abc", "train.steps", "integer"));
        c.add(set("train.nope=1", "train.nope"));
        c.add(set("train.steps", "train.steps"));
        c.add(set("=5", "--set"));
        c.add(set("train.steps.deep=1", "train.steps"));
        c.add(FaultCase.of(CONFIGS, "--credit H9L9 deeper than the model", "train", w -> train(w, w.yaml(), "--credit", "H9L9"),
                "H9L9"));
        c.add(FaultCase.of(CONFIGS, "--credit garbage", "train", w -> train(w, w.yaml(), "--credit", "deep"), "deep"));
        c.add(FaultCase.of(CONFIGS, "--resume folder missing", "train",
                w -> train(w, w.yaml(), "--resume", w.path("no-checkpoint")), "{ws}/no-checkpoint"));
        c.add(FaultCase.of(CONFIGS, "--resume a model folder without a checkpoint", "train",
                w -> train(w, w.yaml(), "--resume", w.model()), "{ws}/model"));
        c.add(FaultCase.of(CONFIGS, "sft --from folder missing", "sft", w -> new Object[] {"sft", "--from", w.path("gone"),
                "--data", w.ids(), "--out", w.out().resolve("sft")}, "{ws}/gone"));
        c.add(FaultCase.of(CONFIGS, "sft --config with an unknown key", "sft", w -> new Object[] {"sft", "--from",
                w.textModel(), "--data", w.text(), "--out", w.out().resolve("sft"), "--config",
                w.write("sft.yaml", "train:\n  stepz: 3\n")}, "{ws}/sft.yaml", "train.stepz"));
        c.add(FaultCase.of(CONFIGS, "sft --set with a negative lr", "sft", w -> new Object[] {"sft", "--from", w.textModel(),
                "--data", w.text(), "--out", w.out().resolve("sft"), "--set", "optimizer.lr=-1"}, "lr"));
        c.add(FaultCase.of(CONFIGS, "sft --use-ema without EMA weights", "sft", w -> new Object[] {"sft", "--from",
                w.textModel(), "--data", w.text(), "--out", w.out().resolve("sft"), "--use-ema"}, "--use-ema", "model_ema.safetensors"));
        c.add(FaultCase.of(CONFIGS, "sft --from a folder with a broken config", "sft", w -> {
            Path m = w.textModel();
            Files.writeString(m.resolve("config.json"), "{");
            return new Object[] {"sft", "--from", m, "--data", w.text(), "--out", w.out().resolve("sft")};
        }, "{ws}/textmodel/config.json"));
        return c;
    }
}
