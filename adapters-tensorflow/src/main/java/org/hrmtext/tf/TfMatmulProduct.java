package org.hrmtext.tf;

import java.util.List;
import org.hrmtext.ports.MatmulProduct;
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
 * An {@code n×n×n} float32 matrix product in a TensorFlow session, timed by the ports' one matmul
 * rule. The operands live in variables so that nothing is constant-folded away and no host copy
 * is timed; the product is run as a target, not fetched.
 */
final class TfMatmulProduct implements MatmulProduct {
    private final Graph graph;
    private final Session session;
    private final Op product;

    private TfMatmulProduct(Graph graph, Session session, Op product) {
        this.graph = graph;
        this.session = session;
        this.product = product;
    }

    static TfMatmulProduct open(int n, ConfigProto config) {
        Graph graph = new Graph();
        try {
            Ops tf = Ops.create(graph);
            Operand<?> a = tf.withName("a").varHandleOp(TFloat32.class, Shape.of(n, n), VarHandleOp.sharedName("a"));
            Operand<?> b = tf.withName("b").varHandleOp(TFloat32.class, Shape.of(n, n), VarHandleOp.sharedName("b"));
            Op init = tf.withControlDependencies(List.of(
                    tf.assignVariableOp(a, random(tf, n, 1)), tf.assignVariableOp(b, random(tf, n, 2)))).noOp();
            Op product = tf.linalg.matMul(tf.readVariableOp(a, TFloat32.class), tf.readVariableOp(b, TFloat32.class));
            Session session = new Session(graph, config);
            session.runner().addTarget(init).run().close();
            return new TfMatmulProduct(graph, session, product);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    @Override
    public void run() {
        session.runner().addTarget(product).run().close();
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

    private static Operand<TFloat32> random(Ops tf, int n, long seed) {
        return tf.random.randomStandardNormal(tf.constant(new int[] {n, n}), TFloat32.class,
                RandomStandardNormal.seed(seed), RandomStandardNormal.seed2(seed));
    }
}
