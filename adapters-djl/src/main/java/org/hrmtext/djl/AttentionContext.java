package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.data.PrefixLmMask;

/**
 * Per-batch inputs every attention layer shares: rotary cos/sin at each token's position
 * ({@code [B, T, 1, head_dim]}) and the PrefixLM mask as an additive bias ({@code [B, 1, T, T]}).
 */
record AttentionContext(NDArray cos, NDArray sin, NDArray maskBias, int heads, int headDim, float eps) {
    /** Large enough that exp underflows to exactly 0 after the softmax's max subtraction. */
    private static final float BLOCKED = -1e9f;

    static AttentionContext of(NDManager manager, ModelConfig config, PackedBatch batch) {
        int b = batch.rows();
        int t = batch.seqLen();
        int hd = config.headDim();
        int half = hd / 2;
        float[] cos = new float[b * t * hd];
        float[] sin = new float[b * t * hd];
        float[] inv = new float[half];
        for (int i = 0; i < half; i++) {
            inv[i] = (float) (1.0 / Math.pow(config.ropeTheta(), (2.0 * i) / hd));
        }
        int[] pos = batch.positions();
        for (int n = 0; n < b * t; n++) {
            for (int i = 0; i < half; i++) {
                float f = pos[n] * inv[i];
                float c = (float) Math.cos(f);
                float s = (float) Math.sin(f);
                cos[n * hd + i] = c;
                cos[n * hd + i + half] = c;
                sin[n * hd + i] = s;
                sin[n * hd + i + half] = s;
            }
        }
        Shape rope = new Shape(b, t, 1, hd);
        NDArray bias = manager.create(PrefixLmMask.additiveBias(batch, BLOCKED), new Shape(b, 1, t, t));
        return new AttentionContext(manager.create(cos, rope), manager.create(sin, rope), bias,
                config.numAttentionHeads(), hd, (float) config.rmsNormEps());
    }
}
