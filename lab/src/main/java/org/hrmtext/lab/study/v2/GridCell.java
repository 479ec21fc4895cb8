package org.hrmtext.lab.study.v2;

import java.util.ArrayList;
import java.util.List;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.schedule.CallRole;
import org.hrmtext.domain.schedule.CreditPattern;
import org.hrmtext.domain.schedule.ModuleCall;
import org.hrmtext.domain.schedule.RecurrenceSchedule;

/**
 * One truncation of the study's grid on an architecture: a name and the schedule it gives.
 *
 * <p>For HRM and TRM, the paper's {@code Hk_Lj} counts cycles: the last {@code k} H cycles are
 * backpropagated, and within each of them its H call and the last {@code j} of its L calls carry
 * gradient ({@code H2_L3} = full BPTT at H_cycles 2, L_cycles 3; {@code H2_L2} = the setting HRM
 * used). Our {@link CreditPattern} counts calls over the whole unroll instead; {@code bp5} is the
 * code's training depth, {@code CreditPattern.fromBpSteps(H_cycles, 5)} = the last 2 H and the
 * last 3 L calls of the unroll. For RINS ({@code H1_Lj}: its H call and the last {@code j} of its
 * L calls) and the looped transformer ({@code L_j}: the last {@code j} cycles) the grid counts calls.
 *
 * @param name e.g. {@code H2_L2}, {@code bp5}, {@code full}
 * @param schedule the schedule the gradient is measured under
 */
public record GridCell(String name, RecurrenceSchedule schedule) {

    /** Full backprop through time. */
    public static final String FULL = "full";
    /** The code's bp_max_steps = 5 over the unroll. */
    public static final String BP5 = "bp5";

    /** The grid of an architecture: its cells, then {@code bp5} (HRM, TRM) and {@code full}. */
    public static List<GridCell> gridOf(ModelConfig config) {
        var r = config.recurrence();
        List<GridCell> out = new ArrayList<>();
        switch (config.architecture()) {
            case HRM:
            case TRM:
                for (int k = 1; k <= r.hCycles(); k++) {
                    for (int j = 1; j <= r.lCycles(); j++) {
                        out.add(new GridCell("H" + k + "_L" + j, cycles(config, k, j)));
                    }
                }
                out.add(new GridCell(BP5, RecurrenceSchedule.of(config, CreditPattern.fromBpSteps(r.hCycles(), 5))));
                break;
            case RINS:
                for (int j = 1; j <= r.lCycles(); j++) {
                    out.add(new GridCell("H1_L" + j, RecurrenceSchedule.of(config, new CreditPattern(1, j))));
                }
                break;
            case UNIVERSAL_TRANSFORMER:
                for (int j = 1; j <= r.cycles(); j++) {
                    out.add(new GridCell("L" + j, RecurrenceSchedule.of(config, new CreditPattern(0, j))));
                }
                break;
            default:
                break;
        }
        out.add(new GridCell(FULL, RecurrenceSchedule.of(config, CreditPattern.FULL)));
        return List.copyOf(out);
    }

    /**
     * HRM/TRM cycle truncation {@code Hk_Lj}: cycle {@code i} (0-based) is backpropagated iff
     * {@code i >= H_cycles − k}; in it the H call and the L calls at positions {@code >= L_cycles − j}.
     */
    public static RecurrenceSchedule cycles(ModelConfig config, int k, int j) {
        if (config.architecture() != Architecture.HRM && config.architecture() != Architecture.TRM) {
            throw new IllegalArgumentException("cycle truncation needs HRM or TRM, got " + config.architecture());
        }
        int h = config.recurrence().hCycles();
        int l = config.recurrence().lCycles();
        RecurrenceSchedule full = RecurrenceSchedule.of(config, CreditPattern.FULL);
        List<ModuleCall> calls = new ArrayList<>();
        for (ModuleCall c : full.calls()) {
            int cycle = c.index() / (l + 1);
            int pos = c.index() % (l + 1);
            boolean inCycle = cycle >= h - k;
            boolean grad = inCycle && (c.role() == CallRole.HIGH || pos >= l - j);
            calls.add(new ModuleCall(c.index(), c.role(), c.stack(), c.target(), c.inputs(), grad));
        }
        return new RecurrenceSchedule(calls, full.output(), full.usesZlInit());
    }

    /** Whether this is the architecture's full-BPTT cell. */
    public boolean isFull() {
        return name.equals(FULL);
    }
}
