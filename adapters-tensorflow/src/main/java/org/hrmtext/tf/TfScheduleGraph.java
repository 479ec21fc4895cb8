package org.hrmtext.tf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hrmtext.domain.model.FusedLayout.FusedTensor;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The ops of one recurrence schedule, built once and reused for every batch under it: logits,
 * loss and predictions, the gradient of each trained fused tensor, their squared L2 norms per
 * split Hugging Face tensor and in total, and an op that stores the gradients in the optimizer's
 * buffers (so the update can run only after the caller has seen that they are finite), and the
 * gradient-magnitude statistics fetched only by diagnostic steps.
 *
 * @param trained fused tensors that receive a gradient under this schedule
 * @param partSquares squared gradient norm per split tensor name, for trained tensors only
 */
record TfScheduleGraph(Operand<TFloat32> logits, Operand<TFloat32> loss, Operand<TInt32> predictions,
        Set<String> trained, Map<String, Operand<TFloat32>> partSquares, Operand<TFloat32> globalSquare,
        Op storeGradients, TfGradientStatistics statistics) {

    static TfScheduleGraph build(Ops tf, TfRecurrence recurrence, TfParameters params, TfBatchInputs inputs,
            TfAdamAtan2 optimizer, RecurrenceSchedule schedule) {
        Operand<TFloat32> logits = recurrence.logits(tf, schedule);
        Operand<TFloat32> loss = TfTaskCompletionLoss.of(tf, logits, inputs, params.config().vocabSize());
        Set<String> trained = trainedTensors(params, schedule);
        List<Operand<?>> xs = new ArrayList<>();
        trained.forEach(name -> xs.add(params.value(name)));
        Gradients gradients = tf.gradients(loss, xs);
        Map<String, Operand<TFloat32>> partSquares = new LinkedHashMap<>();
        List<Operand<TFloat32>> tensorSquares = new ArrayList<>();
        List<Op> stores = new ArrayList<>();
        Map<String, Operand<TFloat32>> byName = new LinkedHashMap<>();
        int i = 0;
        for (FusedTensor t : params.fusedTensors()) {
            if (!trained.contains(t.name())) {
                continue;
            }
            Output<TFloat32> g = gradients.dy(i++);
            if (g == null || g.isClosed()) {
                throw new IllegalStateException("no gradient path to " + t.name() + " under schedule " + schedule);
            }
            byName.put(t.name(), g);
            tensorSquares.add(squaredNorm(tf, g, t.shape().length));
            addPartSquares(tf, t, g, partSquares);
            stores.add(tf.assignVariableOp(optimizer.gradientBuffer(t.name()).handle(), g));
        }
        return new TfScheduleGraph(logits, loss, TfTaskCompletionLoss.predictions(tf, logits), trained, partSquares,
                tf.math.addN(tensorSquares), tf.withControlDependencies(stores).noOp(),
                TfGradientStatistics.build(tf, byName));
    }

    /** Fused tensors that receive a gradient under a schedule. */
    static Set<String> trainedTensors(TfParameters params, RecurrenceSchedule schedule) {
        return schedule.trainedTensors(params.fusedTensors().stream().map(FusedTensor::name).toList());
    }

    private static void addPartSquares(Ops tf, FusedTensor t, Operand<TFloat32> g, Map<String, Operand<TFloat32>> out) {
        if (t.parts().size() == 1) {
            out.put(t.parts().get(0).name(), squaredNorm(tf, g, t.shape().length));
            return;
        }
        long[] rows = t.parts().stream().mapToLong(p -> p.shape()[0]).toArray();
        var pieces = tf.splitV(g, tf.constant(rows), tf.constant(0), (long) rows.length).output();
        for (int p = 0; p < rows.length; p++) {
            out.put(t.parts().get(p).name(), squaredNorm(tf, pieces.get(p), t.shape().length));
        }
    }

    private static Operand<TFloat32> squaredNorm(Ops tf, Operand<TFloat32> x, int rank) {
        int[] axes = new int[rank];
        for (int a = 0; a < axes.length; a++) {
            axes[a] = a;
        }
        return tf.sum(tf.math.square(x), tf.constant(axes));
    }
}
