package org.hrmtext.onnx;

import static org.hrmtext.onnx.OnnxGraph.attr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.model.FusedLayout;
import org.hrmtext.domain.model.FusedLayout.FusedTensor;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.ParameterNames;
import org.hrmtext.onnx.proto.OnnxProto.AttributeProto;
import org.hrmtext.ports.ExportOptions;

/**
 * The linear projections of an exported model ({@code gqkv_proj}, {@code o_proj},
 * {@code gate_up_proj}, {@code down_proj}, {@code lm_head}): in float32 a {@code MatMul} against
 * the weight stored transposed ({@code name.T [in, out]}); quantized, a
 * {@code com.microsoft.MatMulNBits} node (attributes {@code K}, {@code N}, {@code bits},
 * {@code block_size}, {@code accuracy_level} 4: the activations are quantized to int8 per block
 * inside the kernel where the CPU has an int8 kernel) over {@code name.quant}, {@code name.scales}
 * and {@code name.zero_points} from {@link BlockQuantizer}. {@code lm_head} stays float32 unless
 * the options quantize it.
 */
final class OnnxProjections {
    static final String CONTRIB_DOMAIN = "com.microsoft";
    static final String MATMUL_NBITS = "MatMulNBits";
    static final int ACCURACY_LEVEL = 4;

    private final OnnxGraph g;
    private final ExportOptions options;
    private final Map<String, NBits> quantized = new HashMap<>();

    /** The attributes of one quantized projection's node. */
    private record NBits(int k, int n, int bits, int blockSize) {
    }

    OnnxProjections(OnnxGraph g, ExportOptions options) {
        this.g = g;
        this.options = options;
    }

    /** Whether the projection {@code fusedName} is stored block-quantized under {@code options}. */
    static boolean quantizes(ExportOptions options, String fusedName) {
        return options.weights().quantized()
                && (options.quantizeLmHead() || !fusedName.equals(ParameterNames.LM_HEAD));
    }

    /**
     * Checks before anything is written that the block size divides the input dimension of every
     * projection to be quantized, and returns the bytes the initializers will take.
     */
    static long storedBytes(ParameterLayout layout, ExportOptions options) {
        long bytes = 0;
        for (FusedTensor t : FusedLayout.of(layout).tensors()) {
            int[] shape = t.shape();
            long numel = HostTensor.numel(shape);
            if (shape.length == 2 && isProjection(t.name()) && quantizes(options, t.name())) {
                BlockQuantizer.checkBlockSize(t.name(), shape, options.blockSize());
                long blocks = numel / options.blockSize();
                bytes += numel * options.weights().bits() / 8 + blocks * Float.BYTES + blocks;
            } else if (t.name().equals(ParameterNames.EMBEDDING) && halvesEmbedding(options)) {
                bytes += numel * 2;
            } else {
                bytes += numel * Float.BYTES;
            }
        }
        return bytes;
    }

    /**
     * Whether the embedding table is stored in float16: in int4 exports, the format for a small
     * footprint, whose own error is far above a half's rounding (int8 keeps float32, so its greedy
     * tokens stay those of float32).
     */
    static boolean halvesEmbedding(ExportOptions options) {
        return options.weights() == ExportOptions.Weights.INT4;
    }

    /** Whether a fused tensor is a projection (every 2-D weight but the embedding). */
    static boolean isProjection(String fusedName) {
        return !fusedName.equals(ParameterNames.EMBEDDING) && !fusedName.equals(ParameterNames.Z_L_INIT);
    }

    /** Adds the initializers of the projection {@code w} ({@code [out, in]}). */
    void add(HostTensor w) {
        if (!quantizes(options, w.name())) {
            g.initializer(OnnxTensors.transposed(w.name() + ".T", w));
            return;
        }
        BlockQuantizer.Quantized q = BlockQuantizer.quantize(w, options.weights().bits(), options.blockSize());
        g.initializer(OnnxTensors.uint8s(w.name() + ".quant", new long[] {q.n(), q.blocks(), q.blobSize()}, q.packed()));
        g.initializer(OnnxTensors.floats(w.name() + ".scales", new long[] {q.n(), q.blocks()}, q.scales()));
        g.initializer(OnnxTensors.uint8s(w.name() + ".zero_points", new long[] {q.n(), q.zeroPointColumns()},
                q.zeroPoints()));
        quantized.put(w.name(), new NBits(q.k(), q.n(), q.bits(), q.blockSize()));
    }

    /** {@code x · Wᵀ} for the projection {@code fusedName}; returns the output's name. */
    String apply(String x, String fusedName) {
        NBits q = quantized.get(fusedName);
        if (q == null) {
            return g.op("MatMul", List.of(x, fusedName + ".T"));
        }
        return g.opIn(CONTRIB_DOMAIN, MATMUL_NBITS, inputs(x, fusedName), attributes(q));
    }

    /** {@code x · Wᵀ} written to the named output. */
    void applyInto(String x, String fusedName, String output) {
        NBits q = quantized.get(fusedName);
        if (q == null) {
            g.opInto("MatMul", List.of(x, fusedName + ".T"), output);
        } else {
            g.opInto(CONTRIB_DOMAIN, MATMUL_NBITS, inputs(x, fusedName), output, attributes(q));
        }
    }

    /** Whether any node uses the contrib operator (the model then imports {@code com.microsoft}). */
    boolean usesContribOps() {
        return !quantized.isEmpty();
    }

    private static List<String> inputs(String x, String fusedName) {
        return List.of(x, fusedName + ".quant", fusedName + ".scales", fusedName + ".zero_points");
    }

    private static AttributeProto[] attributes(NBits q) {
        return new AttributeProto[] {attr("K", q.k()), attr("N", q.n()),
            attr("bits", q.bits()), attr("block_size", q.blockSize()), attr("accuracy_level", ACCURACY_LEVEL)};
    }
}
