package org.hrmtext.tf;

import java.util.ArrayList;
import java.util.List;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.model.ParameterNames;
import org.hrmtext.domain.schedule.StackId;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Builds one call of a stack of pre-norm blocks, {@code x += Attn(rms(x)); x += SwiGLU(rms(x))},
 * with gated multi-head attention and rotary embeddings, ending in MagicNorm (one more
 * scale-free rms). Token states are {@code [B·T, d]}; attention reshapes to {@code [B, heads, T, hd]}.
 */
final class TfTransformerStack {
    private final TfParameters params;
    private final TfBatchInputs inputs;
    private final StackId stack;
    private final int layers;
    private final int heads;
    private final int headDim;
    private final int hidden;
    private final float eps;

    TfTransformerStack(TfParameters params, TfBatchInputs inputs, StackId stack) {
        ModelConfig config = params.config();
        this.params = params;
        this.inputs = inputs;
        this.stack = stack;
        this.layers = config.numHiddenLayers();
        this.heads = config.numAttentionHeads();
        this.headDim = config.headDim();
        this.hidden = config.hiddenSize();
        this.eps = (float) config.rmsNormEps();
    }

    /** Adds the ops of one call on {@code x [B·T, d]}; returns the normalised output of the same shape. */
    Operand<TFloat32> forward(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> h = x;
        for (int l = 0; l < layers; l++) {
            String layer = ParameterNames.layer(stack, l);
            h = tf.math.add(h, attention(tf, layer, rms(tf, h)));
            h = tf.math.add(h, mlp(tf, layer, rms(tf, h)));
        }
        return rms(tf, h);
    }

    private Operand<TFloat32> rms(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> meanSquare = tf.math.mean(tf.math.square(x), tf.constant(-1), Mean.keepDims(true));
        return tf.math.mul(x, tf.math.rsqrt(tf.math.add(meanSquare, tf.constant(eps))));
    }

    private Operand<TFloat32> linear(Ops tf, Operand<TFloat32> x, String weight) {
        return tf.linalg.matMul(x, params.value(weight), MatMul.transposeB(true));
    }

    private Operand<TFloat32> attention(Ops tf, String layer, Operand<TFloat32> x) {
        Operand<TInt32> bt = inputs.rowsAndLength(tf);
        Operand<TFloat32> gqkv = tf.reshape(linear(tf, x, layer + ".self_attn.gqkv_proj.weight"),
                tf.concat(List.of(bt, tf.constant(new int[] {4 * heads, headDim})), tf.constant(0)));
        List<Operand<TFloat32>> parts = new ArrayList<>(tf.split(tf.constant(2), gqkv, 4L).output());
        Operand<TInt32> perHead = tf.constant(new int[] {0, 2, 1, 3});
        Operand<TFloat32> q = tf.linalg.transpose(rope(tf, parts.get(1)), perHead);
        Operand<TFloat32> k = tf.linalg.transpose(rope(tf, parts.get(2)), perHead);
        Operand<TFloat32> v = tf.linalg.transpose(parts.get(3), perHead);
        Operand<TFloat32> scores = tf.math.add(
                tf.math.mul(tf.train.batchMatMul(q, k, TFloat32.class, BatchMatMul.adjY(true)),
                        tf.constant(1.0f / (float) Math.sqrt(headDim))),
                inputs.maskBias);
        Operand<TFloat32> o = tf.train.batchMatMul(tf.nn.softmax(scores), v, TFloat32.class);
        Operand<TInt32> tokens = tf.constant(new int[] {-1, hidden});
        o = tf.reshape(tf.linalg.transpose(o, perHead), tokens);
        Operand<TFloat32> gate = tf.reshape(parts.get(0), tokens);
        return linear(tf, tf.math.mul(tf.math.sigmoid(gate), o), layer + ".self_attn.o_proj.weight");
    }

    /** {@code x·cos + rotate_half(x)·sin} on {@code [B, T, heads, hd]}. */
    private Operand<TFloat32> rope(Ops tf, Operand<TFloat32> x) {
        List<Operand<TFloat32>> halves = new ArrayList<>(tf.split(tf.constant(3), x, 2L).output());
        Operand<TFloat32> rotated = tf.concat(List.of(tf.math.neg(halves.get(1)), halves.get(0)), tf.constant(3));
        return tf.math.add(tf.math.mul(x, inputs.cos), tf.math.mul(rotated, inputs.sin));
    }

    private Operand<TFloat32> mlp(Ops tf, String layer, Operand<TFloat32> x) {
        List<Operand<TFloat32>> gu = new ArrayList<>(
                tf.split(tf.constant(1), linear(tf, x, layer + ".mlp.gate_up_proj.weight"), 2L).output());
        Operand<TFloat32> gate = gu.get(0);
        Operand<TFloat32> act = tf.math.mul(gate, tf.math.sigmoid(gate));
        return linear(tf, tf.math.mul(act, gu.get(1)), layer + ".mlp.down_proj.weight");
    }
}
