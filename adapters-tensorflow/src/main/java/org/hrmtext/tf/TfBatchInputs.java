package org.hrmtext.tf;

import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.data.PrefixLmMask;
import org.hrmtext.domain.model.RotaryTable;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The placeholders through which a packed batch enters the graph, with dynamic rows and sequence
 * length so one graph serves every batch shape: token ids {@code [B, T]}, rotary cos/sin at each
 * token's position {@code [B, T, 1, head_dim]}, the PrefixLM mask as an additive bias
 * {@code [B, 1, T, T]}, and the labels with their 0/1 weights and count for the loss.
 */
final class TfBatchInputs {
    /** Large enough that exp underflows to exactly 0 after the softmax's max subtraction. */

    final Placeholder<TInt32> ids;
    final Placeholder<TFloat32> cos;
    final Placeholder<TFloat32> sin;
    final Placeholder<TFloat32> maskBias;
    final Placeholder<TInt32> labels;
    final Placeholder<TFloat32> labelWeights;
    final Placeholder<TFloat32> labelCount;
    private final ModelConfig config;

    TfBatchInputs(Ops tf, ModelConfig config) {
        this.config = config;
        Ops in = tf.withSubScope("batch");
        long hd = config.headDim();
        ids = in.withName("ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
        cos = in.withName("cos").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, 1, hd)));
        sin = in.withName("sin").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, 1, hd)));
        maskBias = in.withName("mask_bias").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1, -1, -1)));
        labels = in.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        labelWeights = in.withName("label_weights").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        labelCount = in.withName("label_count").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    }

    /** {@code [B, T]} of the fed batch, for reshapes inside the graph. */
    Operand<TInt32> rowsAndLength(Ops tf) {
        return tf.shape(ids);
    }

    /** The tensors of {@code batch}, bound to these placeholders. */
    TfFeed feed(PackedBatch batch) {
        long b = batch.rows();
        long t = batch.seqLen();
        int n = batch.tokens();
        int hd = config.headDim();
        int[] labelIds = new int[n];
        float[] weights = new float[n];
        long count = 0;
        for (int i = 0; i < n; i++) {
            int label = batch.labels()[i];
            if (label != PackedBatch.IGNORE) {
                labelIds[i] = label;
                weights[i] = 1f;
                count++;
            }
        }
        RotaryTable rope = RotaryTable.of(config, batch.positions());
        TfFeed feed = new TfFeed();
        try {
            return feed.ints(ids, new long[] {b, t}, batch.inputs())
                    .floats(cos, new long[] {b, t, 1, hd}, rope.cos())
                    .floats(sin, new long[] {b, t, 1, hd}, rope.sin())
                    .floats(maskBias, new long[] {b, 1, t, t}, PrefixLmMask.additiveBias(batch))
                    .ints(labels, new long[] {n}, labelIds)
                    .floats(labelWeights, new long[] {n}, weights)
                    .floats(labelCount, new long[0], new float[] {Math.max(1, count)});
        } catch (RuntimeException e) {
            feed.close();
            throw e;
        }
    }
}
