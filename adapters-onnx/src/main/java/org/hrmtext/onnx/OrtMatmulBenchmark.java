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

/**
 * Times an {@code n×n×n} float32 MatMul in ONNX Runtime (a one-node graph written with the same
 * builder as the export), in GFLOP/s: the denominator of model FLOPs utilisation.
 */
final class OrtMatmulBenchmark {
    private static final int WARMUP = 2;
    private static final int REPS = 5;

    private OrtMatmulBenchmark() {
    }

    static double gflops(int n, BackendOptions options) {
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
        try (OrtSession session = OrtSessions.open(model, options);
                OnnxTensor a = OnnxTensor.createTensor(env, random(n * n, 1), new long[] {n, n});
                OnnxTensor b = OnnxTensor.createTensor(env, random(n * n, 2), new long[] {n, n})) {
            Map<String, OnnxTensor> inputs = Map.of("a", a, "b", b);
            for (int i = 0; i < WARMUP; i++) {
                session.run(inputs).close();
            }
            long start = System.nanoTime();
            for (int i = 0; i < REPS; i++) {
                session.run(inputs).close();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return 2.0 * n * n * (double) n * REPS / seconds / 1e9;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime matmul benchmark failed: " + e.getMessage(), e);
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
