package org.hrmtext.tf;

import java.util.ArrayList;
import java.util.List;
import org.hrmtext.domain.diagnostics.DepthProbe;
import org.hrmtext.domain.diagnostics.EffectiveDepth;
import org.hrmtext.domain.schedule.RecurrenceDataflow;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The effective-depth probe of {@link DepthProbe} as a separate graph per schedule, cached beside
 * the training graphs: the schedule unrolled forward once more (no gradients), and per call the
 * relative change and cosine against the previous value of its state and the logit-lens KL
 * against the final prediction, averaged over labelled positions, as one {@code [calls, 3]} fetch.
 *
 * @param plan the comparisons, one per call
 * @param values {@code [calls, 3]}: relative change, cosine, KL
 */
record TfProbeGraph(List<DepthProbe.Step> plan, Operand<TFloat32> values) {

    static TfProbeGraph build(Ops tf, TfRecurrence recurrence, TfBatchInputs inputs, RecurrenceSchedule schedule) {
        RecurrenceDataflow.Trace<Operand<TFloat32>> trace = recurrence.trace(tf, schedule);
        Operand<TInt32> features = tf.constant(1);
        Operand<TFloat32> finalLog = tf.nn.logSoftmax(recurrence.head(tf, trace.last()));
        Operand<TFloat32> finalProb = tf.math.exp(finalLog);
        List<DepthProbe.Step> plan = DepthProbe.plan(schedule);
        List<Operand<TFloat32>> rows = new ArrayList<>();
        for (DepthProbe.Step step : plan) {
            Operand<TFloat32> a = trace.calls().get(step.call());
            Operand<TFloat32> b = step.previousCall() < 0 ? trace.initial().get(step.state())
                    : trace.calls().get(step.previousCall());
            Operand<TFloat32> normA = norm(tf, a);
            Operand<TFloat32> normB = norm(tf, b);
            Operand<TFloat32> change = tf.math.div(norm(tf, tf.math.sub(a, b)), normB);
            Operand<TFloat32> cosine = tf.math.div(tf.sum(tf.math.mul(a, b), features), tf.math.mul(normA, normB));
            Operand<TFloat32> kl = tf.sum(tf.math.mul(finalProb,
                    tf.math.sub(finalLog, tf.nn.logSoftmax(recurrence.head(tf, a)))), features);
            Operand<TFloat32> perPosition = tf.stack(List.of(change, cosine, kl));
            rows.add(tf.math.div(tf.sum(tf.math.mul(perPosition, inputs.labelWeights), features), inputs.labelCount));
        }
        return new TfProbeGraph(plan, tf.stack(rows));
    }

    private static Operand<TFloat32> norm(Ops tf, Operand<TFloat32> x) {
        return tf.math.sqrt(tf.sum(tf.math.square(x), tf.constant(1)));
    }

    /** The probe values of a run that fetched {@link #values()} at {@code index}. */
    EffectiveDepth read(Result result, int index) {
        return EffectiveDepth.of(plan, TfFetched.floats(result, index));
    }
}
