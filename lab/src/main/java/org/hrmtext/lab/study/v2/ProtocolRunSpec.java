package org.hrmtext.lab.study.v2;

import java.util.List;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.ModelPresets;
import org.hrmtext.domain.schedule.CreditPattern;
import org.hrmtext.domain.training.CreditAssignment;

/**
 * One reference run of the protocol: its name, model and credit assignment at the
 * architecture's own recipe.
 *
 * <ul>
 *   <li>{@code hrm}: HRM with the credit warmup bp 2 → 5 over the first 20 % of steps (the used run);</li>
 *   <li>{@code hrm_full}: HRM trained with full BPTT;</li>
 *   <li>{@code rins}: RINS at its own H1L4 (7 L calls);</li>
 *   <li>{@code ut}: the looped transformer with all of HRM's layers in its one stack (2 × layers, so
 *       the non-embedding parameters match HRM's), 4 cycles, its own 2 backpropagated cycles;</li>
 *   <li>{@code trm}: TRM at its own recipe (one shared stack, H2L3).</li>
 * </ul>
 */
public record ProtocolRunSpec(String name, ModelConfig config, CreditAssignment credit) {
    /** The run names in the order they run. */
    public static final List<String> NAMES = List.of("hrm", "hrm_full", "rins", "ut", "trm");
    /** The study's own model size, see {@link #model}. */
    public static final String MICRO = "micro";

    /**
     * The study's own model size {@code micro} (vocabulary 64 for the task's 20 ids, hidden 32, 2
     * heads, SwiGLU width 128, 2 layers per stack: what 15 reference runs of 1500 steps with 50
     * checkpoints each allow in under an hour on 2 shared cores), or a {@link ModelPresets} name.
     */
    public static ModelConfig model(String preset) {
        if (!preset.equals(MICRO)) {
            return ModelPresets.named(preset);
        }
        ModelConfig b = ModelConfig.of(Architecture.HRM, 64, 32, 2, 2);
        return new ModelConfig(b.architecture(), b.vocabSize(), b.hiddenSize(), 128, b.numHiddenLayers(),
                b.numAttentionHeads(), 2048, b.rmsNormEps(), b.ropeTheta(), b.embeddingScale(), b.initializerRange(),
                b.recurrence());
    }

    public static ProtocolRunSpec of(String name, String modelPreset, long steps) {
        ModelConfig base = model(modelPreset);
        switch (name) {
            case "hrm": {
                ModelConfig c = base.withArchitecture(Architecture.HRM);
                return new ProtocolRunSpec(name, c, CreditAssignment.warmup(c, steps));
            }
            case "hrm_full": {
                ModelConfig c = base.withArchitecture(Architecture.HRM);
                return new ProtocolRunSpec(name, c, CreditAssignment.fixed(c, CreditPattern.FULL));
            }
            case "rins": {
                ModelConfig c = base.withArchitecture(Architecture.RINS);
                return new ProtocolRunSpec(name, c, CreditAssignment.constant(c));
            }
            case "ut": {
                ModelConfig u = base.withArchitecture(Architecture.UNIVERSAL_TRANSFORMER);
                ModelConfig c = new ModelConfig(u.architecture(), u.vocabSize(), u.hiddenSize(), u.intermediateSize(),
                        2 * base.numHiddenLayers(), u.numAttentionHeads(), u.maxPositionEmbeddings(), u.rmsNormEps(),
                        u.ropeTheta(), u.embeddingScale(), u.initializerRange(), u.recurrence());
                return new ProtocolRunSpec(name, c, CreditAssignment.constant(c));
            }
            case "trm": {
                ModelConfig c = base.withArchitecture(Architecture.TRM);
                return new ProtocolRunSpec(name, c, CreditAssignment.constant(c));
            }
            default:
                throw new InvalidInputException("protocol run " + name + ": expected one of " + NAMES);
        }
    }
}
