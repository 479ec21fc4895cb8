package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.List;
import org.hrmtext.domain.model.ParameterNames;
import org.hrmtext.domain.schedule.StackId;

/**
 * One stack of pre-norm blocks, {@code x += Attn(rms(x)); x += SwiGLU(rms(x))}, with gated
 * multi-head attention and rotary embeddings, ending in MagicNorm (one more scale-free rms).
 */
final class DjlTransformerStack {
    private final DjlParameters params;
    private final StackId stack;
    private final int layers;

    DjlTransformerStack(DjlParameters params, StackId stack, int layers) {
        this.params = params;
        this.stack = stack;
        this.layers = layers;
    }

    /**
     * {@code x}: {@code [B, T, d]}; returns the normalised stack output of the same shape. With a
     * cache, each layer attends to its past keys/values of module call {@code call} too and
     * appends the new ones; {@code cache} is null in training. With {@code blocks} not null each
     * block's {@code {input, output}} residual stream is appended to it.
     */
    NDArray forward(NDArray x, AttentionContext ctx, DjlKvCache cache, int call, List<NDArray[]> blocks) {
        NDArray h = x;
        for (int l = 0; l < layers; l++) {
            String layer = ParameterNames.layer(stack, l);
            NDArray in = h;
            h = h.add(attention(layer, l, rms(h, ctx.eps()), ctx, cache, call));
            h = h.add(mlp(layer, rms(h, ctx.eps())));
            if (blocks != null) {
                blocks.add(new NDArray[] {in, h});
            }
        }
        return rms(h, ctx.eps());
    }

    static NDArray rms(NDArray x, NDArray eps) {
        return x.div(x.square().mean(new int[] {2}, true).add(eps).sqrt());
    }

    private NDArray attention(String layer, int index, NDArray x, AttentionContext ctx, DjlKvCache cache, int call) {
        Shape s = x.getShape();
        long b = s.get(0);
        long t = s.get(1);
        int nh = ctx.heads();
        int hd = ctx.headDim();
        NDArray gqkv = x.matMul(params.get(layer + ".self_attn.gqkv_proj.weight").transpose())
                .reshape(b, t, 4, nh, hd);
        NDList parts = gqkv.split(4, 2);
        NDArray gate = parts.get(0).reshape(b, t, (long) nh * hd);
        NDArray q = rope(parts.get(1).reshape(b, t, nh, hd), ctx).transpose(0, 2, 1, 3);
        NDArray k = rope(parts.get(2).reshape(b, t, nh, hd), ctx).transpose(0, 2, 1, 3);
        NDArray v = parts.get(3).reshape(b, t, nh, hd).transpose(0, 2, 1, 3);
        if (cache != null) {
            if (cache.key(call, index) != null) {
                k = cache.key(call, index).concat(k, 2);
                v = cache.value(call, index).concat(v, 2);
            }
            cache.put(call, index, k, v);
        }
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(ctx.scoreScale()).add(ctx.maskBias());
        NDArray o = scores.softmax(3).matMul(v).transpose(0, 2, 1, 3).reshape(b, t, (long) nh * hd);
        NDArray gated = Activation.sigmoid(gate).mul(o);
        return gated.matMul(params.get(layer + ".self_attn.o_proj.weight").transpose());
    }

    private static NDArray rope(NDArray x, AttentionContext ctx) {
        NDList halves = x.split(2, 3);
        NDArray rotated = NDArrays.concat(new NDList(halves.get(1).neg(), halves.get(0)), 3);
        return x.mul(ctx.cos()).add(rotated.mul(ctx.sin()));
    }

    private NDArray mlp(String layer, NDArray x) {
        NDList gu = x.matMul(params.get(layer + ".mlp.gate_up_proj.weight").transpose()).split(2, 2);
        NDArray gate = gu.get(0);
        NDArray act = gate.mul(Activation.sigmoid(gate));
        return act.mul(gu.get(1)).matMul(params.get(layer + ".mlp.down_proj.weight").transpose());
    }
}
