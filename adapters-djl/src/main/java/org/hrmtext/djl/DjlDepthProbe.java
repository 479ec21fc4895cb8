package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.hrmtext.domain.data.PackedBatch;
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
        RecurrenceDataflow.Trace<NDArray> out = recurrence.run(manager, batch, schedule, false);
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
}
