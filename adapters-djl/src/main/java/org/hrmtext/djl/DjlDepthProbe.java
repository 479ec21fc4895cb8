package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.diagnostics.BlockDepth;
import org.hrmtext.domain.diagnostics.DepthProbe;
import org.hrmtext.domain.diagnostics.EffectiveDepth;
import org.hrmtext.domain.schedule.RecurrenceDataflow;
import org.hrmtext.domain.schedule.RecurrenceSchedule;

/**
 * The effective-depth probe of {@link DepthProbe} on libtorch: one forward pass without autograd
 * that keeps every call's output, then per call the relative change and cosine against the
 * previous value of its state and the logit-lens KL against the final prediction, averaged over
 * labelled positions on the device; one {@code [calls, 3]} array reaches the host.
 */
final class DjlDepthProbe {
    private DjlDepthProbe() {
    }

    static EffectiveDepth run(NDManager manager, DjlRecurrence recurrence, PackedBatch batch, RecurrenceSchedule schedule) {
        long n = batch.tokens();
        long d = recurrence.config().hiddenSize();
        RecurrenceDataflow.Trace<NDArray> out = recurrence.run(manager, batch, schedule, false, DjlRecurrence.Taps.NONE);
        NDArray weights = DjlArrays.floats(manager, batch.labelMask(), new Shape(n));
        NDArray count = weights.sum().maximum(1f);
        NDArray finalLog = recurrence.head(out.last().reshape(n, d)).logSoftmax(1);
        NDArray finalProb = finalLog.exp();
        List<DepthProbe.Step> plan = DepthProbe.plan(schedule);
        NDList rows = new NDList();
        for (DepthProbe.Step step : plan) {
            NDArray a = out.calls().get(step.call()).reshape(n, d);
            NDArray b = (step.previousCall() < 0 ? out.initial().get(step.state()) : out.calls().get(step.previousCall()))
                    .reshape(n, d);
            NDArray normA = a.norm(new int[] {1});
            NDArray normB = b.norm(new int[] {1});
            NDArray change = a.sub(b).norm(new int[] {1}).div(normB);
            NDArray cosine = a.mul(b).sum(new int[] {1}).div(normA.mul(normB));
            NDArray kl = finalProb.mul(finalLog.sub(recurrence.head(a).logSoftmax(1))).sum(new int[] {1});
            rows.add(NDArrays.stack(new NDList(change, cosine, kl)).mul(weights).sum(new int[] {1}).div(count));
        }
        return EffectiveDepth.of(plan, NDArrays.stack(rows).toFloatArray());
    }

    /**
     * {@link BlockDepth}: one forward pass without autograd that keeps every block's input and
     * output; per block the norm of its change and the logit-lens KL against the final prediction,
     * and the cosine matrix of block outputs, averaged over labelled positions on the device; one
     * {@code [blocks, 2 + blocks]} array reaches the host.
     */
    static BlockDepth blocks(NDManager manager, DjlRecurrence recurrence, PackedBatch batch, RecurrenceSchedule schedule) {
        NDArray eps = AttentionContext.of(manager, recurrence.config(), batch).eps();
        long n = batch.tokens();
        int d = recurrence.config().hiddenSize();
        List<NDArray[]> blocks = new ArrayList<>();
        RecurrenceDataflow.Trace<NDArray> out = recurrence.run(manager, batch, schedule, false, DjlRecurrence.Taps.blocks(blocks));
        NDArray weights = DjlArrays.floats(manager, batch.labelMask(), new Shape(n));
        NDArray count = weights.sum().maximum(1f);
        NDArray finalLog = recurrence.head(out.last().reshape(n, d)).logSoftmax(1);
        NDList delta = new NDList();
        NDList kl = new NDList();
        NDList units = new NDList();
        for (NDArray[] b : blocks) {
            NDArray h = b[1].reshape(n, d);
            delta.add(h.sub(b[0].reshape(n, d)).norm(new int[] {1}).mul(weights).sum().div(count));
            NDArray lensLog = recurrence.head(DjlTransformerStack.rms(h.expandDims(0), eps).reshape(n, d)).logSoftmax(1);
            kl.add(lensLog.exp().mul(lensLog.sub(finalLog)).sum(new int[] {1}).mul(weights).sum().div(count));
            units.add(h.div(h.norm(new int[] {1}, true)).mul(weights.reshape(n, 1).sqrt()).reshape(1, n * d));
        }
        NDArray u = NDArrays.concat(units, 0);
        NDArray cosine = u.matMul(u.transpose()).div(count);
        NDArray table = NDArrays.concat(new NDList(NDArrays.stack(delta).reshape(-1, 1), NDArrays.stack(kl).reshape(-1, 1),
                cosine), 1);
        int layers = recurrence.config().numHiddenLayers();
        return BlockDepth.of(BlockDepth.labels(DepthProbe.plan(schedule), layers), d, table.toFloatArray());
    }
}
