package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.data.PrefixLmMask;

/**
 * Per-forward inputs every attention layer shares: rotary cos/sin at each token's position
 * ({@code [B, T, 1, head_dim]}) and the attention pattern as an additive bias
 * ({@code [B, 1, T, keys]}: the PrefixLM mask of a packed batch, or the generation engine's),
 * and the scalars rms eps and 1/sqrt(head_dim) as owned tensors (see {@link DjlArrays}).
 */
record AttentionContext(NDArray cos, NDArray sin, NDArray maskBias, int heads, int headDim, NDArray eps,
        NDArray scoreScale) {
    /** Large enough that exp underflows to exactly 0 after the softmax's max subtraction. */
    static final float BLOCKED = -1e9f;

    static AttentionContext of(NDManager manager, ModelConfig config, PackedBatch batch) {
        long[] pos = new long[batch.tokens()];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = batch.positions()[i];
        }
        return of(manager, config, batch.rows(), batch.seqLen(), pos,
                PrefixLmMask.additiveBias(batch, BLOCKED), batch.seqLen());
    }

    /** Positions {@code [b, t]} and a bias {@code [b, t, keys]}, row-major. */
    static AttentionContext of(NDManager manager, ModelConfig config, int b, int t, long[] pos, float[] bias,
            int keys) {
        int hd = config.headDim();
        int half = hd / 2;
        float[] cos = new float[b * t * hd];
        float[] sin = new float[b * t * hd];
        float[] inv = new float[half];
        for (int i = 0; i < half; i++) {
            inv[i] = (float) (1.0 / Math.pow(config.ropeTheta(), (2.0 * i) / hd));
        }
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
        NDArray maskBias = DjlArrays.floats(manager, bias, new Shape(b, 1, t, keys));
        return new AttentionContext(DjlArrays.floats(manager, cos, rope), DjlArrays.floats(manager, sin, rope), maskBias,
                config.numAttentionHeads(), hd, DjlArrays.scalar(manager, config.rmsNormEps()),
                DjlArrays.scalar(manager, 1.0 / Math.sqrt(hd)));
    }
}
