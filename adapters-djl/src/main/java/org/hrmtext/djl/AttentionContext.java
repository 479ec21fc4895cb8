package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.data.PrefixLmMask;
import org.hrmtext.domain.model.RotaryTable;

/**
 * Per-forward inputs every attention layer shares: rotary cos/sin at each token's position
 * ({@code [B, T, 1, head_dim]}) and the attention pattern as an additive bias
 * ({@code [B, 1, T, keys]}: the PrefixLM mask of a packed batch, or the generation engine's),
 * and the scalars rms eps and 1/sqrt(head_dim) as owned tensors (see {@link DjlArrays}).
 */
record AttentionContext(NDArray cos, NDArray sin, NDArray maskBias, int heads, int headDim, NDArray eps,
        NDArray scoreScale) {
    /** Large enough that exp underflows to exactly 0 after the softmax's max subtraction. */

    static AttentionContext of(NDManager manager, ModelConfig config, PackedBatch batch) {
        long[] pos = new long[batch.tokens()];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = batch.positions()[i];
        }
        return of(manager, config, batch.rows(), batch.seqLen(), pos,
                PrefixLmMask.additiveBias(batch), batch.seqLen());
    }

    /** Positions {@code [b, t]} and a bias {@code [b, t, keys]}, row-major. */
    static AttentionContext of(NDManager manager, ModelConfig config, int b, int t, long[] pos, float[] bias,
            int keys) {
        int hd = config.headDim();
        RotaryTable table = RotaryTable.of(config, pos);
        Shape rope = new Shape(b, t, 1, hd);
        NDArray maskBias = DjlArrays.floats(manager, bias, new Shape(b, 1, t, keys));
        return new AttentionContext(DjlArrays.floats(manager, table.cos(), rope), DjlArrays.floats(manager, table.sin(), rope), maskBias,
                config.numAttentionHeads(), hd, DjlArrays.scalar(manager, config.rmsNormEps()),
                DjlArrays.scalar(manager, 1.0 / Math.sqrt(hd)));
    }
}
