package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.model.ParameterNames;
import org.hrmtext.domain.schedule.ModuleCall;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.domain.schedule.StackId;
import org.hrmtext.domain.schedule.StateSlot;

/**
 * Runs a {@link RecurrenceSchedule} forward: starts the states (scaled embedding, z_H = input,
 * z_L = z_L_init), calls the stacks in order, and projects with the untied head. Calls without
 * gradient run with autograd switched off, so their outputs enter later calls as constants.
 */
final class DjlRecurrence {
    private final ModelConfig config;
    private final DjlParameters params;
    private final Map<StackId, DjlTransformerStack> stacks = new EnumMap<>(StackId.class);

    /**
     * The final value of the output state and its first value (for auto-guidance), the initial
     * value of each state, and the output of every call in schedule order, all {@code [B, T, d]}.
     */
    record Output(NDArray last, NDArray first, Map<StateSlot, NDArray> initial, List<NDArray> calls) {
    }

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

    /** Training and scoring: logits {@code [B·T, vocab]} of a packed batch. */
    NDArray logits(NDManager manager, PackedBatch batch, RecurrenceSchedule schedule, boolean withGradient) {
        Output out = run(manager, batch, schedule, withGradient);
        return head(out.last().reshape((long) batch.tokens(), config.hiddenSize()));
    }

    /** Every state of the recurrence on a packed batch. */
    Output run(NDManager manager, PackedBatch batch, RecurrenceSchedule schedule, boolean withGradient) {
        AttentionContext ctx = AttentionContext.of(manager, config, batch);
        long[] ids = new long[batch.tokens()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = batch.inputs()[i];
        }
        return run(manager, ids, batch.rows(), batch.seqLen(), ctx, schedule, withGradient, null);
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
    Output run(NDManager manager, long[] ids, int b, int t, AttentionContext ctx, RecurrenceSchedule schedule,
            boolean withGradient, DjlKvCache cache) {
        int d = config.hiddenSize();
        NDArray idArray = DjlArrays.longs(manager, ids, new Shape(ids.length));
        Map<StateSlot, NDArray> state = new EnumMap<>(StateSlot.class);
        JniUtils.setGradMode(withGradient && schedule.embeddingTrained());
        NDArray input = params.get(ParameterNames.EMBEDDING).get(idArray).reshape(b, t, d)
                .mul(DjlArrays.scalar(manager, config.embeddingScale()));
        state.put(StateSlot.INPUT, input);
        state.put(StateSlot.Z_H, input);
        if (schedule.usesZlInit()) {
            state.put(StateSlot.Z_L, params.get(ParameterNames.Z_L_INIT).broadcast(new Shape(b, t, d)));
        }
        Map<StateSlot, NDArray> initial = new EnumMap<>(state);
        List<NDArray> outputs = new ArrayList<>();
        NDArray first = null;
        for (ModuleCall call : schedule.calls()) {
            JniUtils.setGradMode(withGradient && call.carriesGradient());
            NDArray in = state.get(call.inputs().get(0));
            for (int i = 1; i < call.inputs().size(); i++) {
                in = in.add(state.get(call.inputs().get(i)));
            }
            NDArray out = stacks.get(call.stack()).forward(in, ctx, cache, call.index());
            state.put(call.target(), out);
            outputs.add(out);
            if (first == null && call.target() == schedule.output()) {
                first = out;
            }
        }
        JniUtils.setGradMode(withGradient);
        return new Output(state.get(schedule.output()), first, initial, outputs);
    }
}
