package org.hrmtext.tf;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.types.TFloat32;

/**
 * One float32 resource variable of the graph: its handle, the value read once for the ops that
 * use it (gradients are taken with respect to this read), and a placeholder-fed assignment that
 * loads a value from the host.
 */
record TfVariable(String name, int[] shape, Operand<?> handle, Operand<TFloat32> value,
        Placeholder<TFloat32> loadValue, Op load) {

    /** Declares a variable; {@code opName} must be unique in the graph (it is also the resource name). */
    static TfVariable create(Ops tf, String opName, int[] shape) {
        long[] dims = dims(shape);
        Ops scoped = tf.withSubScope(opName);
        VarHandleOp handle = scoped.withName("handle").varHandleOp(TFloat32.class, Shape.of(dims),
                VarHandleOp.sharedName(opName));
        Placeholder<TFloat32> in = scoped.withName("load_value").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(dims)));
        Op load = scoped.withName("load").assignVariableOp(handle, in);
        Operand<TFloat32> read = scoped.withName("read").readVariableOp(handle, TFloat32.class);
        return new TfVariable(opName, shape.clone(), handle, read, in, load);
    }

    /** Dimensions as the feed wants them. */
    long[] dims() {
        return dims(shape);
    }

    private static long[] dims(int[] shape) {
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
        }
        return dims;
    }
}
