package org.hrmtext.domain.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;

/**
 * The tensors of one model, under Hugging Face names, checked against its
 * {@link ParameterLayout}: every expected tensor present with its shape. Files in the fused layout
 * ({@code gqkv_proj}, {@code gate_up_proj}) are split into the canonical split names on load.
 */
public final class ModelWeights {
    private final ParameterLayout layout;
    private final Map<String, HostTensor> tensors;

    private ModelWeights(ParameterLayout layout, Map<String, HostTensor> tensors) {
        this.layout = layout;
        this.tensors = tensors;
    }

    /** Validates a set of tensors; {@code source} names the file in errors. */
    public static ModelWeights of(ParameterLayout layout, Map<String, HostTensor> given, String source) {
        Map<String, HostTensor> split;
        try {
            split = splitFused(given, layout);
        } catch (InvalidInputException e) {
            throw InvalidInputException.at(source, e);
        }
        Map<String, HostTensor> ordered = new LinkedHashMap<>();
        for (ParameterSpec spec : layout.all()) {
            HostTensor t = split.get(spec.name());
            if (t == null) {
                throw new InvalidInputException(source + ": tensor " + spec.name() + " is missing (expected shape "
                        + spec.shapeText() + ")");
            }
            if (!Arrays.equals(t.shape(), spec.shape())) {
                throw new InvalidInputException(source + ": tensor " + spec.name() + " has shape "
                        + Arrays.toString(t.shape()) + ", expected " + spec.shapeText());
            }
            ordered.put(spec.name(), t);
        }
        return new ModelWeights(layout, ordered);
    }

    /** Reads and validates {@code model.safetensors}, refusing non-finite values ({@link TensorFiniteness}). */
    public static ModelWeights read(ParameterLayout layout, Path file) {
        Map<String, HostTensor> tensors = Safetensors.read(file);
        TensorFiniteness.check(file.toString(), tensors.values());
        return of(layout, tensors, file.toString());
    }

    public ParameterLayout layout() {
        return layout;
    }

    public HostTensor get(String name) {
        HostTensor t = tensors.get(name);
        if (t == null) {
            throw new InvalidInputException("no tensor named " + name);
        }
        return t;
    }

    public Collection<HostTensor> all() {
        return tensors.values();
    }

    private static Map<String, HostTensor> splitFused(Map<String, HostTensor> given, ParameterLayout layout) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (HostTensor t : given.values()) {
            if (t.name().endsWith(".self_attn.gqkv_proj.weight")) {
                String base = t.name().substring(0, t.name().length() - "gqkv_proj.weight".length());
                splitRows(t, base, ParameterNames.ATTENTION_PARTS, out);
            } else if (t.name().endsWith(".mlp.gate_up_proj.weight")) {
                String base = t.name().substring(0, t.name().length() - "gate_up_proj.weight".length());
                splitRows(t, base, new String[] {"gate_proj", "up_proj"}, out);
            } else {
                out.put(t.name(), t);
            }
        }
        return out;
    }

    private static void splitRows(HostTensor t, String base, String[] parts, Map<String, HostTensor> out) {
        if (t.shape().length != 2 || t.shape()[0] % parts.length != 0) {
            throw new InvalidInputException("tensor " + t.name() + " has shape " + Arrays.toString(t.shape())
                    + ", expected [" + parts.length + "·rows, hidden]");
        }
        int rows = t.shape()[0] / parts.length;
        int cols = t.shape()[1];
        for (int i = 0; i < parts.length; i++) {
            float[] d = Arrays.copyOfRange(t.data(), i * rows * cols, (i + 1) * rows * cols);
            String name = base + parts[i] + ".weight";
            out.put(name, new HostTensor(name, new int[] {rows, cols}, d));
        }
    }
}
