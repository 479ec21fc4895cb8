package org.hrmtext.tf;

import java.util.List;
import org.hrmtext.domain.training.AdamAtan2Settings;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The graph ops of one tensor's AdamATan2 step, in the reference's order:
 * {@code p ← p·decay}; {@code m ← m + (g − m)(1−β1)}; {@code v ← β2·v + (1−β2)·g²};
 * {@code p ← p − stepScale · atan2(m, sqrt(v)/denomScale)}; {@code ema ← ema + (p − ema)(1−decay_ema)},
 * where {@code decay = 1 − lr·wd}, {@code stepScale = lr/(1−β1^t)} and {@code denomScale = sqrt(1−β2^t)}
 * are this tensor's entries of the fed per-tensor vectors. Every new value is computed from the
 * values read at the start of the run before any variable is assigned.
 */
final class TfAdamAtan2Update {
    private TfAdamAtan2Update() {
    }

    static Op build(Ops tf, AdamAtan2Settings s, int index, TfVariable p, TfVariable m, TfVariable v, TfVariable g,
            TfVariable ema, Operand<TFloat32> decay, Operand<TFloat32> stepScale, Operand<TFloat32> denomScale) {
        Operand<TFloat32> decayed = tf.math.mul(p.value(), entry(tf, decay, index));
        Operand<TFloat32> grad = g.value();
        Operand<TFloat32> mNew = tf.math.add(m.value(),
                tf.math.mul(tf.math.sub(grad, m.value()), tf.constant((float) (1 - s.beta1()))));
        Operand<TFloat32> vNew = tf.math.add(tf.math.mul(v.value(), tf.constant((float) s.beta2())),
                tf.math.mul(tf.math.square(grad), tf.constant((float) (1 - s.beta2()))));
        Operand<TFloat32> denom = tf.math.div(tf.math.sqrt(vNew), entry(tf, denomScale, index));
        Operand<TFloat32> pNew = tf.math.sub(decayed,
                tf.math.mul(tf.math.atan2(mNew, denom), entry(tf, stepScale, index)));
        Operand<TFloat32> emaNew = tf.math.add(ema.value(),
                tf.math.mul(tf.math.sub(pNew, ema.value()), tf.constant((float) (1 - s.emaDecay()))));
        return tf.withControlDependencies(List.of(
                tf.assignVariableOp(p.handle(), pNew),
                tf.assignVariableOp(m.handle(), mNew),
                tf.assignVariableOp(v.handle(), vNew),
                tf.assignVariableOp(ema.handle(), emaNew))).noOp();
    }

    private static Operand<TFloat32> entry(Ops tf, Operand<TFloat32> vector, int index) {
        return tf.gather(vector, tf.constant(index), tf.constant(0));
    }
}
