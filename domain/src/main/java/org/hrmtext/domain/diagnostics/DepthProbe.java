package org.hrmtext.domain.diagnostics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.schedule.CallRole;
import org.hrmtext.domain.schedule.ModuleCall;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.domain.schedule.StateSlot;

/**
 * The effective-depth probe: how much each module call still changes the state it overwrites,
 * and how close its output already is to the final prediction. Each call is compared with the
 * previous value of its target state, i.e. the output of the last earlier call that wrote the same
 * state, or that state's initial value (the scaled embedding for z_H and the input, z_L_init for
 * z_L). Over the labelled positions of a batch a backend averages, per call:
 * <ul>
 *   <li>relative change {@code ‖a − b‖₂ / ‖b‖₂} (a = the call's output, b = the previous value);</li>
 *   <li>cosine similarity {@code a·b / (‖a‖₂‖b‖₂)};</li>
 *   <li>logit-lens KL {@code KL(p_final ‖ p_call)}, with {@code p = softmax(lm_head(state))}, the final
 *       prediction being that of the schedule's output state after the last call.</li>
 * </ul>
 * Calls whose relative change stays near zero add no depth: the recurrence has converged there.
 */
public final class DepthProbe {

    /**
     * One comparison: call {@code call} (labelled e.g. {@code L3}, the third low-level call) against
     * the output of call {@code previousCall}, or the initial value of {@code state} when it is −1.
     */
    public record Step(int call, String label, StateSlot state, int previousCall) {
    }

    private DepthProbe() {
    }

    /** The comparisons of a schedule, one per module call, in call order. */
    public static List<Step> plan(RecurrenceSchedule schedule) {
        Map<StateSlot, Integer> lastWriter = new EnumMap<>(StateSlot.class);
        int high = 0;
        int low = 0;
        List<Step> steps = new ArrayList<>();
        for (ModuleCall c : schedule.calls()) {
            String label = c.role() == CallRole.HIGH ? "H" + ++high : "L" + ++low;
            steps.add(new Step(c.index(), label, c.target(), lastWriter.getOrDefault(c.target(), -1)));
            lastWriter.put(c.target(), c.index());
        }
        return steps;
    }
}
