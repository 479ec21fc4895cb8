package org.hrmtext.domain.schedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the states of a {@link RecurrenceSchedule} flow, written once for every backend: the
 * initial slots ({@code INPUT} = {@code embedding_scale · E[token]}, {@code Z_H} = {@code INPUT},
 * {@code Z_L} = the frozen {@code z_L_init} spread over the positions), each call's input as the
 * sum of the states it reads, its output overwriting its target, and the first value written to
 * the output state kept for auto-guidance. A backend supplies only its {@link Kernels}: DJL and
 * TensorFlow compute tensors, the ONNX exporter writes graph nodes.
 *
 * <pre>{@code
 * RecurrenceDataflow.Trace<NDArray> t = RecurrenceDataflow.run(schedule, kernels);
 * NDArray logits = head(t.last());
 * }</pre>
 */
public final class RecurrenceDataflow {
    /** The slots that start as the scaled embedding: the embedding is trained iff one of them is live. */
    public static final Set<StateSlot> FROM_EMBEDDING = Collections.unmodifiableSet(
            java.util.EnumSet.of(StateSlot.INPUT, StateSlot.Z_H));

    private RecurrenceDataflow() {
    }

    /**
     * A backend's operations on its value type {@code T} (a tensor, or a graph node name).
     *
     * @param <T> what the backend computes with
     */
    public interface Kernels<T> {

        /**
         * {@code embedding_scale · E[tokens]} of the backend's current tokens; {@code trained}
         * says whether the embedding receives gradient under this schedule.
         */
        T embedded(boolean trained);

        /** The frozen {@code z_L_init} vector spread over the positions of {@code like}. */
        T zLInit(T like);

        /**
         * Called before {@code call}'s inputs are summed, so the sum runs under the call's own
         * regime: where a backend switches autograd on or off, or names the nodes it writes.
         */
        default void enter(ModuleCall call) {
        }

        T add(T a, T b);

        /**
         * Runs {@code call.stack()} on {@code input} (a call attends to its own KV-cache slot
         * {@code call.index()} where the backend caches). A call without credit must return its
         * output as a constant for backprop.
         */
        T call(ModuleCall call, T input);

        /**
         * A zero tensor shaped like {@code out} that the backend differentiates against: with state
         * probes on, {@link #run(RecurrenceSchedule, Kernels, boolean)} adds one to every call's
         * output, so the gradient of the loss with respect to the probe of call {@code i} is the
         * gradient {@code ∂L/∂z} of the state that call wrote. A backend without state gradients
         * keeps this default, which refuses.
         */
        default T zeroProbe(ModuleCall call, T out) {
            throw new UnsupportedOperationException("this backend cannot probe state gradients");
        }
    }

    /**
     * The states of one forward pass.
     *
     * @param initial the initial value of each slot the schedule uses
     * @param calls every call's output, in schedule order
     * @param first the first value written to the output state (auto-guidance)
     * @param last the final value of the output state (what {@code lm_head} reads)
     */
    public record Trace<T>(Map<StateSlot, T> initial, List<T> calls, T first, T last) {
    }

    /** Runs every call of {@code schedule} with {@code kernels}. */
    public static <T> Trace<T> run(RecurrenceSchedule schedule, Kernels<T> kernels) {
        return run(schedule, kernels, false);
    }

    /**
     * Runs every call of {@code schedule}; with {@code stateProbes} every call's output becomes
     * {@code out + kernels.zeroProbe(call, out)} (the same value, see {@link Kernels#zeroProbe}).
     */
    public static <T> Trace<T> run(RecurrenceSchedule schedule, Kernels<T> kernels, boolean stateProbes) {
        Map<StateSlot, T> state = new EnumMap<>(StateSlot.class);
        T input = kernels.embedded(schedule.embeddingTrained());
        for (StateSlot slot : FROM_EMBEDDING) {
            state.put(slot, input);
        }
        if (schedule.usesZlInit()) {
            state.put(StateSlot.Z_L, kernels.zLInit(input));
        }
        Map<StateSlot, T> initial = Collections.unmodifiableMap(new EnumMap<>(state));
        List<T> outputs = new ArrayList<>();
        T first = null;
        for (ModuleCall call : schedule.calls()) {
            kernels.enter(call);
            T in = state.get(call.inputs().get(0));
            for (int i = 1; i < call.inputs().size(); i++) {
                in = kernels.add(in, state.get(call.inputs().get(i)));
            }
            T out = kernels.call(call, in);
            if (stateProbes) {
                out = kernels.add(out, kernels.zeroProbe(call, out));
            }
            state.put(call.target(), out);
            outputs.add(out);
            if (first == null && call.target() == schedule.output()) {
                first = out;
            }
        }
        return new Trace<>(initial, List.copyOf(outputs), first, state.get(schedule.output()));
    }
}
