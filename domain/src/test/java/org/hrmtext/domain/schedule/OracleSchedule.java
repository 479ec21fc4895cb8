package org.hrmtext.domain.schedule;

import java.util.ArrayList;
import java.util.List;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.RecurrenceConfig;

/**
 * A line-by-line port of {@code schedule()} in {@code shared/tools/hrm_oracle.py}, the generator
 * of the golden vectors: each step names the stack ("H"/"L"), the state it writes, the state it
 * injects (null: none) and whether it carries gradient. Kept independent of the domain code.
 */
final class OracleSchedule {
    /** {@code target = stack(reads + inject)}; {@code inject} is null when nothing is added. */
    record Step(String stack, String target, String reads, String inject, boolean grad) {
    }

    private OracleSchedule() {
    }

    static List<Step> of(ModelConfig config, int bpSteps) {
        RecurrenceConfig c = config.recurrence();
        List<Step> steps = new ArrayList<>();
        switch (config.architecture()) {
            case HRM: {
                int h = c.hCycles();
                int l = c.lCycles();
                int hbp = Math.min(h, bpSteps - 1);
                int lbp = bpSteps - hbp;
                for (int i = 0; i < h; i++) {
                    for (int k = i * l; k < (i + 1) * l; k++) {
                        steps.add(new Step("L", "zL", "zL", "zH", k >= h * l - lbp));
                    }
                    steps.add(new Step("H", "zH", "zH", "zL", i >= h - hbp));
                }
                break;
            }
            case TRM: {
                int h = c.hCycles();
                int l = c.lCycles();
                for (int i = 0; i < h; i++) {
                    for (int k = i * l; k < (i + 1) * l; k++) {
                        steps.add(new Step("L", "zL", "zL", "zH", k >= h * l - c.lBpSteps()));
                    }
                    steps.add(new Step("L", "zH", "zH", "zL", i >= h - c.hBpSteps()));
                }
                break;
            }
            case UNIVERSAL_TRANSFORMER:
                for (int i = 0; i < c.cycles(); i++) {
                    steps.add(new Step("L", "zL", "zL", "x", i >= c.cycles() - c.bpCycles()));
                }
                break;
            case RINS:
                for (int i = 0; i < c.lCycles(); i++) {
                    steps.add(new Step("L", "zL", "zL", "x", i >= c.lCycles() - c.lBpCycles()));
                }
                steps.add(new Step("H", "zH", "zL", null, true));
                break;
            default:
                steps.add(new Step("H", "zH", "x", null, true));
        }
        return steps;
    }

    /** The domain schedule in the oracle's vocabulary, for comparison. */
    static List<Step> describe(RecurrenceSchedule schedule) {
        List<Step> out = new ArrayList<>();
        for (ModuleCall call : schedule.calls()) {
            String inject = call.inputs().size() == 2 ? slot(call.inputs().get(1)) : null;
            out.add(new Step(call.stack() == StackId.HIGH ? "H" : "L", slot(call.target()),
                    slot(call.inputs().get(0)), inject, call.carriesGradient()));
        }
        return out;
    }

    private static String slot(StateSlot s) {
        switch (s) {
            case Z_H: return "zH";
            case Z_L: return "zL";
            default: return "x";
        }
    }
}
