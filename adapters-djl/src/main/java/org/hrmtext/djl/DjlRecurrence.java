package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.model.ParameterNames;
import org.hrmtext.domain.schedule.ModuleCall;
import org.hrmtext.domain.schedule.RecurrenceDataflow;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.domain.schedule.StackId;

/**
 * Runs a {@link RecurrenceSchedule} forward through the domain's {@link RecurrenceDataflow} with
 * libtorch kernels, and projects with the untied head. Calls without gradient run with autograd
 * switched off, so their outputs enter later calls as constants.
 */
final class DjlRecurrence {
    private final ModelConfig config;
    private final DjlParameters params;
    private final Map<StackId, DjlTransformerStack> stacks = new EnumMap<>(StackId.class);

    DjlRecurrence(DjlParameters params) {
        this.params = params;
        this.config = params.layout().config();
        for (StackId id : params.layout().stacks()) {
            stacks.put(id, new DjlTransformerStack(params, id, config.numHiddenLayers()));
        }
    }

    ModelConfig config() {
        return config;
    }

    /**
     * What a forward pass hands out besides its states: the zero state probes it adds to every
     * call's output ({@code probes}, null for none) and each block's input and output in
     * computation order ({@code blocks}, null for none).
     */
    record Taps(List<NDArray> probes, List<NDArray[]> blocks) {
        static final Taps NONE = new Taps(null, null);

        static Taps probes(List<NDArray> into) {
            return new Taps(into, null);
        }

        static Taps blocks(List<NDArray[]> into) {
            return new Taps(null, into);
        }
    }

    /** Training and scoring: logits {@code [B·T, vocab]} of a packed batch. */
    NDArray logits(NDManager manager, PackedBatch batch, RecurrenceSchedule schedule, boolean withGradient, Taps taps) {
        RecurrenceDataflow.Trace<NDArray> out = run(manager, batch, schedule, withGradient, taps);
        return head(out.last().reshape((long) batch.tokens(), config.hiddenSize()));
    }

    /** Every state of the recurrence on a packed batch. */
    RecurrenceDataflow.Trace<NDArray> run(NDManager manager, PackedBatch batch, RecurrenceSchedule schedule, boolean withGradient,
            Taps taps) {
        AttentionContext ctx = AttentionContext.of(manager, config, batch);
        long[] ids = new long[batch.tokens()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = batch.inputs()[i];
        }
        return run(manager, ids, batch.rows(), batch.seqLen(), ctx, schedule, withGradient, null, taps);
    }

    /** {@code [N, d]} hidden states to {@code [N, vocab]} logits. */
    NDArray head(NDArray hidden) {
        return hidden.matMul(params.get(ParameterNames.LM_HEAD).transpose());
    }

    /**
     * Runs every call on tokens {@code ids [b, t]}. With {@code withGradient} false nothing is
     * recorded; with it true (inside a gradient collector) only gradient-carrying calls are.
     * With a cache, call {@code i} attends to and extends its own cache slot {@code i}.
     */
    RecurrenceDataflow.Trace<NDArray> run(NDManager manager, long[] ids, int b, int t, AttentionContext ctx,
            RecurrenceSchedule schedule, boolean withGradient, DjlKvCache cache, Taps taps) {
        int d = config.hiddenSize();
        RecurrenceDataflow.Trace<NDArray> trace = RecurrenceDataflow.run(schedule, new RecurrenceDataflow.Kernels<>() {
            @Override
            public NDArray embedded(boolean trained) {
                JniUtils.setGradMode(withGradient && trained);
                NDArray idArray = DjlArrays.longs(manager, ids, new Shape(ids.length));
                return params.get(ParameterNames.EMBEDDING).get(idArray).reshape(b, t, d)
                        .mul(DjlArrays.scalar(manager, config.embeddingScale()));
            }

            @Override
            public NDArray zLInit(NDArray like) {
                return params.get(ParameterNames.Z_L_INIT).broadcast(like.getShape());
            }

            @Override
            public void enter(ModuleCall call) {
                JniUtils.setGradMode(withGradient && call.carriesGradient());
            }

            @Override
            public NDArray add(NDArray a, NDArray x) {
                return a.add(x);
            }

            @Override
            public NDArray call(ModuleCall call, NDArray input) {
                if (withGradient || taps.blocks() != null) {
                    return stacks.get(call.stack()).forward(input, ctx, cache, call.index(), taps.blocks());
                }
                // Without autograd nothing needs a call's intermediates once it has returned: free them
                // then (the output and what the KV cache keeps stay), not when the whole forward ends,
                // which held every call's activations at once (about 1 GB for a 32-token prompt on the 1B model).
                NDArray out;
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    out = stacks.get(call.stack()).forward(input, ctx, cache, call.index(), null);
                    NDScope.unregister(out);
                }
                NDScope.register(out);
                return out;
            }

            @Override
            public NDArray zeroProbe(ModuleCall call, NDArray out) {
                NDArray probe = manager.zeros(out.getShape());
                probe.setRequiresGradient(true);
                taps.probes().add(probe);
                return probe;
            }
        }, taps.probes() != null);
        JniUtils.setGradMode(withGradient);
        return trace;
    }
}
