package org.hrmtext.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;

/**
 * Checks that a loaded ONNX file has exactly the inputs, and at least the outputs, that an export
 * of the model's config has, with their element types, ranks and fixed sizes; the first
 * difference becomes a message naming the file and the input or output.
 */
final class OrtSignatureCheck {
    /** An output only files of the earlier cache contract have (the whole cache, past and new). */
    static final String EARLIER_CONTRACT_OUTPUT = "present_key.0.0";

    private OrtSignatureCheck() {
    }

    /**
     * The element type of a loaded model's caches, read from its first {@code past_key} input:
     * {@link OnnxSignature#FLOAT16} when that is float16, {@link OnnxSignature#FLOAT} otherwise (a
     * mismatch elsewhere is then reported by {@link #check}).
     */
    static int cacheType(OrtSession session) {
        try {
            NodeInfo info = session.getInputInfo().get(OnnxSignature.pastKey(0, 0));
            boolean half = info != null && info.getInfo() instanceof TensorInfo
                    && ((TensorInfo) info.getInfo()).type == OnnxJavaType.FLOAT16;
            return half ? OnnxSignature.FLOAT16 : OnnxSignature.FLOAT;
        } catch (OrtException e) {
            throw new InvalidInputException("cannot read the model's inputs: " + e.getMessage(), e);
        }
    }

    static void check(OrtSession session, OnnxSignature expected, String file) {
        try {
            if (session.getOutputInfo().containsKey(EARLIER_CONTRACT_OUTPUT)) {
                throw new InvalidInputException(file + ": output " + EARLIER_CONTRACT_OUTPUT + " belongs to the earlier"
                        + " cache contract (present_* outputs holding the whole cache); re-export the model with this"
                        + " version's hrm export-onnx (the graph now outputs only each run's new keys/values, new_*)");
            }
            Map<String, NodeInfo> inputs = session.getInputInfo();
            compare(file, "input", inputs, expected.inputs());
            for (String name : inputs.keySet()) {
                if (expected.inputs().stream().noneMatch(p -> p.name().equals(name))) {
                    throw new InvalidInputException(file + ": unexpected input " + name
                            + "; the file was not exported for this model's config");
                }
            }
            compare(file, "output", session.getOutputInfo(), expected.outputs());
        } catch (OrtException e) {
            throw new InvalidInputException(file + ": cannot read the model's inputs: " + e.getMessage(), e);
        }
    }

    private static void compare(String file, String kind, Map<String, NodeInfo> actual, List<OnnxSignature.Port> ports) {
        for (OnnxSignature.Port port : ports) {
            NodeInfo info = actual.get(port.name());
            if (info == null) {
                throw new InvalidInputException(file + ": " + kind + " " + port.name() + " is missing (expected "
                        + port.describe() + "); the file was not exported for this model's config");
            }
            if (!matches(info, port)) {
                throw new InvalidInputException(file + ": " + kind + " " + port.name() + " is " + describe(info)
                        + " but this model's config expects " + port.describe());
            }
        }
    }

    private static boolean matches(NodeInfo info, OnnxSignature.Port port) {
        if (!(info.getInfo() instanceof TensorInfo)) {
            return false;
        }
        TensorInfo t = (TensorInfo) info.getInfo();
        OnnxJavaType type = switch (port.elementType()) {
            case OnnxSignature.FLOAT -> OnnxJavaType.FLOAT;
            case OnnxSignature.FLOAT16 -> OnnxJavaType.FLOAT16;
            default -> OnnxJavaType.INT64;
        };
        long[] shape = t.getShape();
        if (t.type != type || shape.length != port.dims().size()) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            Object want = port.dims().get(i);
            if (want instanceof Long ? shape[i] != (Long) want : shape[i] >= 0) {
                return false;
            }
        }
        return true;
    }

    private static String describe(NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo)) {
            return "not a tensor";
        }
        TensorInfo t = (TensorInfo) info.getInfo();
        StringBuilder dims = new StringBuilder();
        String[] names = t.getDimensionNames();
        long[] shape = t.getShape();
        for (int i = 0; i < shape.length; i++) {
            String symbolic = names[i].isEmpty() ? "?" : names[i];
            dims.append(i == 0 ? "" : ", ").append(shape[i] >= 0 ? Long.toString(shape[i]) : symbolic);
        }
        String type = t.type == OnnxJavaType.FLOAT ? "float32" : t.type.toString().toLowerCase(Locale.ROOT);
        return type + " [" + dims + "]";
    }
}
