package org.hrmtext.tf;

import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;

/** Copies fetched tensors of a session run into JVM arrays (the run's {@link Result} owns them). */
final class TfFetched {
    private TfFetched() {
    }

    static float scalar(Result result, int index) {
        return ((TFloat32) result.get(index)).getFloat();
    }

    static float[] floats(Result result, int index) {
        TFloat32 t = (TFloat32) result.get(index);
        float[] out = new float[Math.toIntExact(t.shape().size())];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
    }

    static double[] doubles(Result result, int index) {
        TFloat64 t = (TFloat64) result.get(index);
        double[] out = new double[Math.toIntExact(t.shape().size())];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
    }

    static int[] ints(Result result, int index) {
        TInt32 t = (TInt32) result.get(index);
        int[] out = new int[Math.toIntExact(t.shape().size())];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
    }
}
