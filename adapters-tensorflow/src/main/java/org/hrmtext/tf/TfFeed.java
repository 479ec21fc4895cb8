package org.hrmtext.tf;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The host tensors fed to one session run, each bound to its placeholder. Owns them: closing the
 * feed frees their native memory, so a step leaves nothing behind.
 */
final class TfFeed implements AutoCloseable {
    private final List<Operand<?>> placeholders = new ArrayList<>();
    private final List<Tensor> tensors = new ArrayList<>();

    /** Binds a float tensor of {@code shape} holding {@code data} (copied) to {@code placeholder}. */
    TfFeed floats(Operand<TFloat32> placeholder, long[] shape, float[] data) {
        return add(placeholder, TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false)));
    }

    /** Binds an int tensor of {@code shape} holding {@code data} (copied) to {@code placeholder}. */
    TfFeed ints(Operand<TInt32> placeholder, long[] shape, int[] data) {
        return add(placeholder, TInt32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false)));
    }

    private TfFeed add(Operand<?> placeholder, Tensor tensor) {
        placeholders.add(placeholder);
        tensors.add(tensor);
        return this;
    }

    /** A runner of {@code session} with every tensor of this feed bound. */
    Session.Runner runner(Session session) {
        return bind(session.runner());
    }

    /** Binds every tensor of this feed to {@code runner}. */
    Session.Runner bind(Session.Runner runner) {
        for (int i = 0; i < tensors.size(); i++) {
            runner.feed(placeholders.get(i), tensors.get(i));
        }
        return runner;
    }

    @Override
    public void close() {
        tensors.forEach(Tensor::close);
        tensors.clear();
        placeholders.clear();
    }
}
