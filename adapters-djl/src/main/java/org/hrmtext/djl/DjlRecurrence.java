package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.EnumMap;
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
 * z_L = z_L_init), calls the stacks in order, and projects the output state with the untied head.
 * Calls without gradient run with autograd switched off, so their outputs are constants.
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

    /**
     * Logits {@code [B·T, vocab]}. With {@code withGradient} false, nothing is recorded; with it
     * true (inside a gradient collector), only gradient-carrying calls are.
     */
    NDArray logits(NDManager manager, PackedBatch batch, RecurrenceSchedule schedule, boolean withGradient) {
        AttentionContext ctx = AttentionContext.of(manager, config, batch);
        long b = batch.rows();
        long t = batch.seqLen();
        int d = config.hiddenSize();
        NDArray ids = manager.create(batch.inputs()).toType(ai.djl.ndarray.types.DataType.INT64, false);
        Map<StateSlot, NDArray> state = new EnumMap<>(StateSlot.class);
        JniUtils.setGradMode(withGradient && embeddingHasGradient(schedule));
        NDArray input = params.get(ParameterNames.EMBEDDING).get(ids).reshape(b, t, d)
                .mul((float) config.embeddingScale());
        state.put(StateSlot.INPUT, input);
        state.put(StateSlot.Z_H, input);
        if (schedule.usesZlInit()) {
            state.put(StateSlot.Z_L, params.get(ParameterNames.Z_L_INIT).broadcast(new Shape(b, t, d)));
        }
        for (ModuleCall call : schedule.calls()) {
            JniUtils.setGradMode(withGradient && call.carriesGradient());
            NDArray in = state.get(call.inputs().get(0));
            for (int i = 1; i < call.inputs().size(); i++) {
                in = in.add(state.get(call.inputs().get(i)));
            }
            state.put(call.target(), stacks.get(call.stack()).forward(in, ctx));
        }
        JniUtils.setGradMode(withGradient);
        NDArray out = state.get(schedule.output()).reshape(b * t, d);
        return out.matMul(params.get(ParameterNames.LM_HEAD).transpose());
    }

    private static boolean embeddingHasGradient(RecurrenceSchedule schedule) {
        return schedule.embeddingTrained();
    }
}
