package org.hrmtext.tf;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Times an {@code n×n×n} float32 matrix product in a TensorFlow session: the denominator of model
 * FLOPs utilisation. The operands live in variables so that nothing is constant-folded away and
 * no host copy is timed; the product is run as a target, not fetched.
 */
final class TfMatmulBenchmark {
    private static final int WARMUP = 2;
    private static final int REPS = 5;

    private TfMatmulBenchmark() {
    }

    static double gflops(int n, ConfigProto config) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Operand<?> a = tf.withName("a").varHandleOp(TFloat32.class, Shape.of(n, n), VarHandleOp.sharedName("a"));
            Operand<?> b = tf.withName("b").varHandleOp(TFloat32.class, Shape.of(n, n), VarHandleOp.sharedName("b"));
            Op init = tf.withControlDependencies(List.of(
                    tf.assignVariableOp(a, random(tf, n, 1)), tf.assignVariableOp(b, random(tf, n, 2)))).noOp();
            Op product = tf.linalg.matMul(tf.readVariableOp(a, TFloat32.class), tf.readVariableOp(b, TFloat32.class));
            try (Session session = new Session(graph, config)) {
                session.runner().addTarget(init).run().close();
                for (int i = 0; i < WARMUP; i++) {
                    session.runner().addTarget(product).run().close();
                }
                long start = System.nanoTime();
                for (int i = 0; i < REPS; i++) {
                    session.runner().addTarget(product).run().close();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                return 2.0 * n * n * (double) n * REPS / seconds / 1e9;
            }
        }
    }

    private static Operand<TFloat32> random(Ops tf, int n, long seed) {
        return tf.random.randomStandardNormal(tf.constant(new int[] {n, n}), TFloat32.class,
                RandomStandardNormal.seed(seed), RandomStandardNormal.seed2(seed));
    }
}
