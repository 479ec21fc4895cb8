package org.hrmtext.domain.schedule;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.RecurrenceConfig;
import org.hrmtext.domain.model.ParameterNames;

/**
 * The ordered module calls of one forward pass, and the state whose final value feeds
 * {@code lm_head}. This is the one place where the five architectures differ; backends run the
 * calls in order and never re-derive the recurrence. The same list gives one KV cache per call
 * at inference and the unrolled graph of an ONNX export.
 *
 * <pre>{@code
 * RecurrenceSchedule s = RecurrenceSchedule.of(config, CreditPattern.fromBpSteps(2, 3));
 * for (ModuleCall call : s.calls()) { ... }
 * }</pre>
 */
public record RecurrenceSchedule(List<ModuleCall> calls, StateSlot output, boolean usesZlInit) {

    public RecurrenceSchedule {
        calls = List.copyOf(calls);
    }

    /** The schedule of an architecture with the given credit pattern. */
    public static RecurrenceSchedule of(ModelConfig config, CreditPattern credit) {
        RecurrenceConfig r = config.recurrence();
        List<ModuleCall> calls = new ArrayList<>();
        switch (config.architecture()) {
            case HRM:
            case TRM: {
                StackId highStack = config.architecture() == Architecture.HRM ? StackId.HIGH : StackId.LOW;
                int h = r.hCycles();
                int l = r.lCycles();
                for (int i = 0; i < h; i++) {
                    for (int k = i * l; k < (i + 1) * l; k++) {
                        add(calls, CallRole.LOW, StackId.LOW, StateSlot.Z_L, List.of(StateSlot.Z_L, StateSlot.Z_H),
                                k >= h * l - (long) credit.lowCalls());
                    }
                    add(calls, CallRole.HIGH, highStack, StateSlot.Z_H, List.of(StateSlot.Z_H, StateSlot.Z_L),
                            i >= h - (long) credit.highCalls());
                }
                return new RecurrenceSchedule(calls, StateSlot.Z_H, true);
            }
            case UNIVERSAL_TRANSFORMER: {
                int n = r.cycles();
                for (int i = 0; i < n; i++) {
                    add(calls, CallRole.LOW, StackId.LOW, StateSlot.Z_L, List.of(StateSlot.Z_L, StateSlot.INPUT),
                            i >= n - (long) credit.lowCalls());
                }
                return new RecurrenceSchedule(calls, StateSlot.Z_L, true);
            }
            case RINS: {
                int n = r.lCycles();
                for (int i = 0; i < n; i++) {
                    add(calls, CallRole.LOW, StackId.LOW, StateSlot.Z_L, List.of(StateSlot.Z_L, StateSlot.INPUT),
                            i >= n - (long) credit.lowCalls());
                }
                add(calls, CallRole.HIGH, StackId.HIGH, StateSlot.Z_H, List.of(StateSlot.Z_L), credit.highCalls() > 0);
                return new RecurrenceSchedule(calls, StateSlot.Z_H, true);
            }
            case TRANSFORMER:
                add(calls, CallRole.HIGH, StackId.HIGH, StateSlot.Z_H, List.of(StateSlot.INPUT), credit.highCalls() > 0);
                return new RecurrenceSchedule(calls, StateSlot.Z_H, false);
            default:
                throw new IllegalStateException("unhandled architecture " + config.architecture());
        }
    }

    /** The architecture's own truncation: HRM at {@code bp_max_steps}, the baselines' fixed windows. */
    public static CreditPattern ownCredit(ModelConfig config) {
        RecurrenceConfig r = config.recurrence();
        switch (config.architecture()) {
            case HRM: return CreditPattern.fromBpSteps(r.hCycles(), r.bpMaxSteps());
            case TRM: return new CreditPattern(r.hBpSteps(), r.lBpSteps());
            case UNIVERSAL_TRANSFORMER: return new CreditPattern(0, r.bpCycles());
            case RINS: return new CreditPattern(1, r.lBpCycles());
            default: return new CreditPattern(1, 0);
        }
    }

    /**
     * The credit pattern for a backprop depth counted in module calls: HRM and TRM split it
     * between H and L calls (H first), RINS always trains its single H call, the looped
     * transformer counts its cycles, the plain transformer has one call.
     */
    public static CreditPattern creditForDepth(ModelConfig config, int bpSteps) {
        switch (config.architecture()) {
            case HRM:
            case TRM: return CreditPattern.fromBpSteps(config.recurrence().hCycles(), bpSteps);
            case UNIVERSAL_TRANSFORMER: return new CreditPattern(0, bpSteps);
            case RINS: return new CreditPattern(1, Math.max(0, bpSteps - 1));
            default: return new CreditPattern(1, 0);
        }
    }

    private static void add(List<ModuleCall> calls, CallRole role, StackId stack, StateSlot target,
            List<StateSlot> inputs, boolean grad) {
        calls.add(new ModuleCall(calls.size(), role, stack, target, inputs, grad));
    }

    /**
     * The credit pattern this schedule actually applies: its gradient-carrying H-role and L-role
     * calls. A requested pattern deeper than the architecture (e.g. {@code H2L3} for the one-call
     * transformer, or {@code full}) is clamped to it; two patterns with the same effective credit
     * give the same schedule.
     */
    public CreditPattern effectiveCredit() {
        int high = (int) calls.stream().filter(c -> c.carriesGradient() && c.role() == CallRole.HIGH).count();
        return new CreditPattern(high, gradientCalls() - high);
    }

    /** Number of calls that run under autograd. */
    public int gradientCalls() {
        return (int) calls.stream().filter(ModuleCall::carriesGradient).count();
    }

    /**
     * The stacks whose weights receive a gradient: those run by a gradient-carrying call whose
     * output reaches the loss through gradient-carrying calls only.
     */
    public Set<StackId> trainedStacks() {
        Set<StackId> trained = EnumSet.noneOf(StackId.class);
        walkBackward(trained);
        return trained;
    }

    /** Whether the token embedding receives a gradient (false e.g. for HRM at bp_steps = 2). */
    public boolean embeddingTrained() {
        Set<StateSlot> live = walkBackward(EnumSet.noneOf(StackId.class));
        return live.stream().anyMatch(RecurrenceDataflow.FROM_EMBEDDING::contains);
    }

    /**
     * Which of the given tensor names (split or fused) receive a gradient under this schedule:
     * {@code lm_head}, every tensor of a trained stack, and the embedding when it is reached.
     */
    public Set<String> trainedTensors(java.util.Collection<String> names) {
        Set<StackId> stacks = trainedStacks();
        boolean embedding = embeddingTrained();
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String n : names) {
            boolean inTrainedStack = stacks.stream().anyMatch(s -> n.startsWith(s.prefix() + "."));
            if (n.equals(ParameterNames.LM_HEAD) || inTrainedStack || (embedding && n.equals(ParameterNames.EMBEDDING))) {
                out.add(n);
            }
        }
        return out;
    }

    private Set<StateSlot> walkBackward(Set<StackId> trained) {
        Set<StateSlot> live = EnumSet.of(output);
        for (int i = calls.size() - 1; i >= 0; i--) {
            ModuleCall c = calls.get(i);
            if (!live.remove(c.target())) {
                continue;
            }
            if (c.carriesGradient()) {
                trained.add(c.stack());
                live.addAll(c.inputs());
            }
        }
        live.remove(StateSlot.Z_L); // initial Z_L is the frozen z_L_init
        return live;
    }

    @Override
    public String toString() {
        return calls.stream().map(ModuleCall::label).collect(Collectors.joining(" "));
    }
}
