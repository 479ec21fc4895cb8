package org.hrmtext.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.hrmtext.onnx.proto.OnnxProto.ModelProto;
import org.hrmtext.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.MatmulProduct;

/**
 * An {@code n×n×n} float32 MatMul in ONNX Runtime (a one-node graph written with the same builder
 * as the export), timed by the ports' one matmul rule.
 */
final class OrtMatmulProduct implements MatmulProduct {
    private final OrtSession session;
    private final OnnxTensor a;
    private final OnnxTensor b;

    private OrtMatmulProduct(OrtSession session, OnnxTensor a, OnnxTensor b) {
        this.session = session;
        this.a = a;
        this.b = b;
    }

    static OrtMatmulProduct open(int n, BackendOptions options) {
        if (n < 1) {
            throw new IllegalArgumentException("matrix size must be positive, got " + n);
        }
        OnnxGraph g = new OnnxGraph("matmul", UnaryOperator.identity());
        List<Object> dims = List.of((long) n, (long) n);
        g.input(new OnnxSignature.Port("a", OnnxSignature.FLOAT, dims));
        g.input(new OnnxSignature.Port("b", OnnxSignature.FLOAT, dims));
        g.output(new OnnxSignature.Port("c", OnnxSignature.FLOAT, dims));
        g.opInto("MatMul", List.of("a", "b"), "c");
        byte[] model = ModelProto.newBuilder().setIrVersion(OnnxExporter.IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxExporter.DEFAULT_OPSET))
                .setGraph(g.build()).build().toByteArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try {
            session = OrtSessions.open(model, options);
            return new OrtMatmulProduct(session, OnnxTensor.createTensor(env, random(n * n, 1), new long[] {n, n}),
                    OnnxTensor.createTensor(env, random(n * n, 2), new long[] {n, n}));
        } catch (OrtException e) {
            if (session != null) {
                close(session);
            }
            throw new IllegalStateException("ONNX Runtime matmul benchmark failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void run() {
        try {
            session.run(Map.of("a", a, "b", b)).close();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime matmul benchmark failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        a.close();
        b.close();
        close(session);
    }

    private static void close(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime matmul session failed: " + e.getMessage(), e);
        }
    }

    private static FloatBuffer random(int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        FloatBuffer buf = FloatBuffer.allocate(count);
        for (int i = 0; i < count; i++) {
            buf.put((float) rng.nextGaussian());
        }
        return buf.flip();
    }
}
