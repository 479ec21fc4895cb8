package org.hrmtext.onnx;

import com.google.protobuf.CodedInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.onnx.proto.OnnxProto.TensorShapeProto;
import org.hrmtext.onnx.proto.OnnxProto.ValueInfoProto;
import org.hrmtext.ports.ExportedSignature;
import org.hrmtext.ports.ExportedSignature.Port;

/**
 * Reads the graph inputs and outputs of an ONNX file by streaming through it: inside the graph
 * only the {@code input} and {@code output} fields are parsed, the nodes and initializers are
 * skipped, so a large model costs one pass and little memory.
 */
final class OnnxSignatureReader {
    /** ModelProto field 7 ({@code graph}), length-delimited. */
    private static final int GRAPH_TAG = (7 << 3) | 2;
    /** GraphProto field 11 ({@code input}). */
    private static final int INPUT_TAG = (11 << 3) | 2;
    /** GraphProto field 12 ({@code output}). */
    private static final int OUTPUT_TAG = (12 << 3) | 2;

    private OnnxSignatureReader() {
    }

    static ExportedSignature read(Path file) {
        List<Port> inputs = new ArrayList<>();
        List<Port> outputs = new ArrayList<>();
        boolean graph = false;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            for (int tag = coded.readTag(); tag != 0; tag = coded.readTag()) {
                if (tag != GRAPH_TAG) {
                    coded.skipField(tag);
                    continue;
                }
                graph = true;
                int limit = coded.pushLimit(coded.readRawVarint32());
                for (int t = coded.readTag(); t != 0; t = coded.readTag()) {
                    if (t == INPUT_TAG) {
                        inputs.add(port(ValueInfoProto.parseFrom(coded.readBytes())));
                    } else if (t == OUTPUT_TAG) {
                        outputs.add(port(ValueInfoProto.parseFrom(coded.readBytes())));
                    } else {
                        coded.skipField(t);
                    }
                }
                coded.popLimit(limit);
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file + ": cannot read it as an ONNX file: " + e.getMessage(), e);
        }
        if (!graph || inputs.isEmpty() || outputs.isEmpty()) {
            throw new InvalidInputException(file + ": cannot read it as an ONNX file: no graph with inputs and outputs");
        }
        return new ExportedSignature(inputs, outputs);
    }

    private static Port port(ValueInfoProto v) {
        var tensor = v.getType().getTensorType();
        List<String> dims = new ArrayList<>();
        for (TensorShapeProto.Dimension d : tensor.getShape().getDimList()) {
            dims.add(d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()));
        }
        return new Port(v.getName(), OnnxSignature.typeName(tensor.getElemType()), dims);
    }
}
