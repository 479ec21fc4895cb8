package org.hrmtext.tf;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.model.ParameterNames;
import org.hrmtext.domain.schedule.ModuleCall;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.domain.schedule.StackId;
import org.hrmtext.domain.schedule.StateSlot;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Unrolls a {@link RecurrenceSchedule} into graph ops: starts the states (scaled embedding,
 * z_H = input, z_L = z_L_init broadcast), adds one stack call per module call, and projects the
 * output state with the untied head. A call without gradient is wrapped in {@code StopGradient},
 * so its output enters later calls as a constant, as under truncated backprop.
 */
final class TfRecurrence {
    private final ModelConfig config;
    private final TfParameters params;
    private final TfBatchInputs inputs;
    private final Map<StackId, TfTransformerStack> stacks = new EnumMap<>(StackId.class);

    TfRecurrence(TfParameters params, TfBatchInputs inputs) {
        this.params = params;
        this.inputs = inputs;
        this.config = params.config();
        for (StackId id : params.layout().stacks()) {
            stacks.put(id, new TfTransformerStack(params, inputs, id));
        }
    }

    /**
     * The states of an unrolled schedule, {@code [B·T, d]} each: the initial value of each state,
     * every call's output in schedule order, and the final value of the output state.
     */
    record Trace(Map<StateSlot, Operand<TFloat32>> initial, List<Operand<TFloat32>> calls, Operand<TFloat32> last) {
    }

    /** Logits {@code [B·T, vocab]} of the batch fed through {@link TfBatchInputs}. */
    Operand<TFloat32> logits(Ops tf, RecurrenceSchedule schedule) {
        return head(tf, trace(tf, schedule).last());
    }

    /** {@code [N, d]} states to {@code [N, vocab]} logits with the untied head. */
    Operand<TFloat32> head(Ops tf, Operand<TFloat32> states) {
        return tf.linalg.matMul(states, params.value(ParameterNames.LM_HEAD), MatMul.transposeB(true));
    }

    /** Adds the ops of every call of the schedule on the fed batch. */
    Trace trace(Ops tf, RecurrenceSchedule schedule) {
        Operand<TInt32> ids = tf.reshape(inputs.ids, tf.constant(new int[] {-1}));
        Operand<TFloat32> input = tf.math.mul(tf.gather(params.value(ParameterNames.EMBEDDING), ids, tf.constant(0)),
                tf.constant((float) config.embeddingScale()));
        if (!schedule.embeddingTrained()) {
            input = tf.stopGradient(input);
        }
        Map<StateSlot, Operand<TFloat32>> state = new EnumMap<>(StateSlot.class);
        state.put(StateSlot.INPUT, input);
        state.put(StateSlot.Z_H, input);
        if (schedule.usesZlInit()) {
            state.put(StateSlot.Z_L, tf.stopGradient(
                    tf.broadcastTo(params.value(ParameterNames.Z_L_INIT), tf.shape(input))));
        }
        Map<StateSlot, Operand<TFloat32>> initial = new EnumMap<>(state);
        List<Operand<TFloat32>> outputs = new ArrayList<>();
        for (ModuleCall call : schedule.calls()) {
            Ops scoped = tf.withSubScope("call" + call.index());
            Operand<TFloat32> in = state.get(call.inputs().get(0));
            for (int i = 1; i < call.inputs().size(); i++) {
                in = scoped.math.add(in, state.get(call.inputs().get(i)));
            }
            Operand<TFloat32> out = stacks.get(call.stack()).forward(scoped, in);
            state.put(call.target(), call.carriesGradient() ? out : scoped.stopGradient(out));
            outputs.add(state.get(call.target()));
        }
        return new Trace(initial, outputs, state.get(schedule.output()));
    }
}
