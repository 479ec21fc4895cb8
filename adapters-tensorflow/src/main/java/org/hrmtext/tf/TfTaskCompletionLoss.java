package org.hrmtext.tf;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The task-completion objective as graph ops: cross-entropy summed over labelled (response)
 * positions and divided by their count. Written as log-softmax times a one-hot of the labels,
 * because TensorFlow Java has no gradient for {@code SparseSoftmaxCrossEntropyWithLogits}.
 */
final class TfTaskCompletionLoss {
    private TfTaskCompletionLoss() {
    }

    /** Scalar mean loss over the labelled tokens of {@code logits [N, vocab]}. */
    static Operand<TFloat32> of(Ops tf, Operand<TFloat32> logits, TfBatchInputs inputs, int vocab) {
        Operand<TFloat32> oneHot = tf.oneHot(inputs.labels, tf.constant(vocab), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> picked = tf.sum(tf.math.mul(tf.nn.logSoftmax(logits), oneHot), tf.constant(1));
        Operand<TFloat32> total = tf.sum(tf.math.mul(picked, inputs.labelWeights), tf.constant(0));
        return tf.math.div(tf.math.neg(total), inputs.labelCount);
    }

    /** Argmax token at every position. */
    static Operand<TInt32> predictions(Ops tf, Operand<TFloat32> logits) {
        return tf.math.argMax(logits, tf.constant(1), TInt32.class);
    }
}
