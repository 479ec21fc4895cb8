package org.hrmtext.app.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.schedule.CreditPattern;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.domain.training.AdamAtan2Settings;

/**
 * Reads a YAML training config and its {@code --set} overrides into a {@link TrainingConfig}.
 * Defaults: {@code train}: seq_len 256, rows 8, seed 0, log_every 10, checkpoint_every 1000,
 * credit_warmup true, diagnostics false ({@code steps} is required); {@code optimizer}: lr 1e-3 (see
 * {@link OptimizerSettings#DEFAULT_LR}), warmup_steps 5 % of steps, min_lr_ratio 1 (constant after
 * warmup, as in pretraining), beta1 0.9, beta2 0.95, weight_decay 0.1, ema 0.9999;
 * {@code backend}: train and infer djl, device cpu, threads 0, deterministic false.
 *
 * <pre>{@code
 * TrainingConfig c = TrainingConfigLoader.load(Path.of("tiny.yaml"), List.of("train.steps=50"));
 * }</pre>
 */
public final class TrainingConfigLoader {
    private TrainingConfigLoader() {
    }

    public static TrainingConfig load(Path file, List<String> overrides) {
        return load(file, Optional.empty(), overrides);
    }

    /**
     * Reads {@code file} over a file of defaults: precedence, highest first, is {@code --set}
     * overrides, then {@code file}, then {@code defaults}, then the built-in defaults above.
     */
    public static TrainingConfig load(Path file, Optional<Path> defaults, List<String> overrides) {
        ConfigTree tree = ConfigTree.load(file);
        defaults.ifPresent(d -> tree.underlay(ConfigTree.load(d)));
        overrides.forEach(tree::override);
        tree.allowOnly(Set.of("model", "train", "optimizer", "backend"));
        String source = file.toString();
        TrainSettings train = train(tree.section("train"), source);
        TrainingConfig config = validated(source, () -> new TrainingConfig(ModelSection.build(tree.section("model")), train,
                optimizer(tree.section("optimizer"), train.steps(), source), backend(tree.section("backend"), source)));
        train.credit().ifPresent(c -> refuseClamped(tree.section("train"), c, config.model()));
        return config;
    }

    /** A credit pattern deeper than the model's recurrence would be clamped silently: refuse it instead. */
    private static void refuseClamped(ConfigSection s, CreditPattern requested, ModelConfig model) {
        CreditPattern effective = RecurrenceSchedule.of(model, requested).effectiveCredit();
        if (!requested.equals(CreditPattern.FULL) && !requested.equals(effective)) {
            throw s.error("credit", requested + " asks for more calls than this model's recurrence has; it would run as "
                    + effective + " (give at most " + effective + ", or full for every call)");
        }
    }

    private static TrainSettings train(ConfigSection s, String source) {
        s.allowOnly(Set.of("steps", "seq_len", "rows", "seed", "log_every", "checkpoint_every", "credit_warmup", "credit", "diagnostics",
                "max_minutes"));
        int steps = s.requireInt("steps");
        Optional<CreditPattern> credit;
        try {
            credit = s.stringValue("credit").map(CreditPattern::parse);
        } catch (InvalidInputException e) {
            throw s.error("credit", e.getMessage());
        }
        return validated(source, () -> new TrainSettings(steps, s.intValue("seq_len", 256), s.intValue("rows", 8),
                s.longValue("seed", 0), s.intValue("log_every", 10), s.intValue("checkpoint_every", 1000),
                s.booleanValue("credit_warmup", true), credit, s.booleanValue("diagnostics", false),
                s.doubleValue("max_minutes", 0)));
    }

    private static OptimizerSettings optimizer(ConfigSection s, int steps, String source) {
        s.allowOnly(Set.of("lr", "warmup_steps", "min_lr_ratio", "beta1", "beta2", "weight_decay", "ema"));
        AdamAtan2Settings d = AdamAtan2Settings.pretraining();
        return validated(source, () -> new OptimizerSettings(s.doubleValue("lr", OptimizerSettings.DEFAULT_LR),
                s.intValue("warmup_steps", steps / 20), s.doubleValue("min_lr_ratio", 1.0),
                new AdamAtan2Settings(s.doubleValue("beta1", d.beta1()), s.doubleValue("beta2", d.beta2()),
                        s.doubleValue("weight_decay", d.weightDecay()), s.doubleValue("ema", d.emaDecay()))));
    }

    private static BackendSettings backend(ConfigSection s, String source) {
        s.allowOnly(Set.of("train", "infer", "device", "threads", "deterministic"));
        return validated(source, () -> new BackendSettings(s.stringValue("train").orElse("djl"),
                s.stringValue("infer").orElse("djl"), s.stringValue("device").orElse("cpu"), s.intValue("threads", 0),
                s.booleanValue("deterministic", false)));
    }

    /** Builds a record, naming the file in a validation error that does not name it yet. */
    private static <T> T validated(String source, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidInputException e) {
            throw e.getMessage().startsWith(source) ? e : InvalidInputException.at(source, e);
        }
    }
}
