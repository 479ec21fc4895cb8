package org.hrmtext.tf;

import java.util.EnumMap;
import java.util.Map;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.model.ParameterNames;
import org.hrmtext.domain.schedule.ModuleCall;
import org.hrmtext.domain.schedule.RecurrenceDataflow;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.domain.schedule.StackId;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Unrolls a {@link RecurrenceSchedule} into graph ops through the domain's
 * {@link RecurrenceDataflow}, and projects the output state with the untied head. A call without gradient is wrapped in {@code StopGradient},
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

    /** Logits {@code [B·T, vocab]} of the batch fed through {@link TfBatchInputs}. */
    Operand<TFloat32> logits(Ops tf, RecurrenceSchedule schedule) {
        return head(tf, trace(tf, schedule).last());
    }

    /** {@code [N, d]} states to {@code [N, vocab]} logits with the untied head. */
    Operand<TFloat32> head(Ops tf, Operand<TFloat32> states) {
        return tf.linalg.matMul(states, params.value(ParameterNames.LM_HEAD), MatMul.transposeB(true));
    }

    /**
     * Adds the ops of every call of the schedule on the fed batch, through the domain's
     * {@link RecurrenceDataflow}; every state is {@code [B·T, d]}.
     */
    RecurrenceDataflow.Trace<Operand<TFloat32>> trace(Ops tf, RecurrenceSchedule schedule) {
        return RecurrenceDataflow.run(schedule, new RecurrenceDataflow.Kernels<>() {
            @Override
            public Operand<TFloat32> embedded(boolean trained) {
                Operand<TInt32> ids = tf.reshape(inputs.ids, tf.constant(new int[] {-1}));
                Operand<TFloat32> input = tf.math.mul(
                        tf.gather(params.value(ParameterNames.EMBEDDING), ids, tf.constant(0)),
                        tf.constant((float) config.embeddingScale()));
                return trained ? input : tf.stopGradient(input);
            }

            @Override
            public Operand<TFloat32> zLInit(Operand<TFloat32> like) {
                return tf.stopGradient(tf.broadcastTo(params.value(ParameterNames.Z_L_INIT), tf.shape(like)));
            }

            @Override
            public Operand<TFloat32> add(Operand<TFloat32> a, Operand<TFloat32> b) {
                return tf.math.add(a, b);
            }

            @Override
            public Operand<TFloat32> call(ModuleCall call, Operand<TFloat32> input) {
                Ops scoped = tf.withSubScope("call" + call.index());
                Operand<TFloat32> out = stacks.get(call.stack()).forward(scoped, input);
                return call.carriesGradient() ? out : scoped.stopGradient(out);
            }
        });
    }
}
