package org.hrmtext.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.onnx.proto.OnnxProto.StringStringEntryProto;
import org.hrmtext.onnx.proto.OnnxProto.TensorProto;
import org.hrmtext.onnx.proto.OnnxProto.TensorShapeProto;
import org.hrmtext.onnx.proto.OnnxProto.TypeProto;
import org.hrmtext.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * Builds the protobuf values of an ONNX graph: initializers (little-endian {@code raw_data}, or a
 * reference into an external data file) and typed value infos with symbolic dims.
 */
final class OnnxTensors {
    private OnnxTensors() {
    }

    /** A float32 tensor with the given dims. */
    static TensorProto floats(String name, long[] dims, float[] data) {
        ByteBuffer buf = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(OnnxSignature.FLOAT);
        for (long d : dims) {
            t.addDims(d);
        }
        return t.setRawData(UnsafeByteOperations.unsafeWrap(buf.array())).build();
    }

    /** A float16 tensor with the given dims, each value rounded to the nearest half (ties to even). */
    static TensorProto halves(String name, long[] dims, float[] data) {
        ByteBuffer buf = ByteBuffer.allocate(2 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            buf.putShort(Half.fromFloat(v));
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(OnnxSignature.FLOAT16);
        for (long d : dims) {
            t.addDims(d);
        }
        return t.setRawData(UnsafeByteOperations.unsafeWrap(buf.array())).build();
    }

    /** A uint8 tensor with the given dims (packed quantized weights, zero points). */
    static TensorProto uint8s(String name, long[] dims, byte[] data) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(OnnxSignature.UINT8);
        for (long d : dims) {
            t.addDims(d);
        }
        return t.setRawData(UnsafeByteOperations.unsafeWrap(data)).build();
    }

    /** A weight as stored in a checkpoint, {@code [rows, cols]} or {@code [n]}. */
    static TensorProto weight(String name, HostTensor t) {
        long[] dims = new long[t.shape().length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.shape()[i];
        }
        return floats(name, dims, t.data());
    }

    /** A checkpoint weight stored as float16 (the embedding table of a quantized export). */
    static TensorProto halfWeight(String name, HostTensor t) {
        long[] dims = new long[t.shape().length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.shape()[i];
        }
        return halves(name, dims, t.data());
    }

    /**
     * A projection {@code [out, in]} stored as the right-hand MatMul operand {@code [in, out]},
     * so the graph multiplies {@code x · W} without a Transpose node.
     */
    static TensorProto transposed(String name, HostTensor t) {
        int rows = t.shape()[0];
        int cols = t.shape()[1];
        float[] src = t.data();
        float[] out = new float[src.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = src[r * cols + c];
            }
        }
        return floats(name, new long[] {cols, rows}, out);
    }

    /** A scalar float32 constant. */
    static TensorProto scalar(String name, float value) {
        return floats(name, new long[0], new float[] {value});
    }

    /** A 1-D int64 constant (shapes, axes, split sizes). */
    static TensorProto int64s(String name, long... values) {
        ByteBuffer buf = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        return TensorProto.newBuilder().setName(name).setDataType(OnnxSignature.INT64).addDims(values.length)
                .setRawData(ByteString.copyFrom(buf.array())).build();
    }

    /** The same tensor with its bytes moved to {@code location} at {@code offset}. */
    static TensorProto external(TensorProto t, String location, long offset) {
        return t.toBuilder().clearRawData()
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", location))
                .addExternalData(entry("offset", Long.toString(offset)))
                .addExternalData(entry("length", Integer.toString(t.getRawData().size())))
                .build();
    }

    static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    /** A typed graph input or output. */
    static ValueInfoProto valueInfo(OnnxSignature.Port port) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : port.dims()) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Long) {
                dim.setDimValue((Long) d);
            } else {
                dim.setDimParam((String) d);
            }
            shape.addDim(dim);
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(port.elementType()).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(port.name()).setType(type).build();
    }
}
