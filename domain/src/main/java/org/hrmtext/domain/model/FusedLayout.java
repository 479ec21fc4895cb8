package org.hrmtext.domain.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hrmtext.domain.InvalidInputException;

/**
 * The reference's fused view of a model's tensors: per layer one {@code gqkv_proj} ([gate, q, k,
 * v] rows stacked) and one {@code gate_up_proj} ([gate, up]); the rest as they are. Backends
 * compute with the fused tensors (one matmul instead of four) and report under the split
 * Hugging Face names through {@link #split}.
 */
public final class FusedLayout {
    private final List<FusedTensor> tensors;

    /** One fused tensor and the split tensors whose rows it stacks, in order. */
    public record FusedTensor(String name, List<ParameterSpec> parts, boolean trainable) {
        public int[] shape() {
            int rows = parts.stream().mapToInt(p -> p.shape()[0]).sum();
            int[] first = parts.get(0).shape();
            return first.length == 1 ? new int[] {rows} : new int[] {rows, first[1]};
        }
    }

    private FusedLayout(List<FusedTensor> tensors) {
        this.tensors = List.copyOf(tensors);
    }

    public static FusedLayout of(ParameterLayout layout) {
        Map<String, List<ParameterSpec>> groups = new LinkedHashMap<>();
        for (ParameterSpec spec : layout.all()) {
            groups.computeIfAbsent(fusedName(spec.name()), k -> new ArrayList<>()).add(spec);
        }
        List<FusedTensor> out = new ArrayList<>();
        groups.forEach((name, parts) -> out.add(new FusedTensor(name, parts, parts.get(0).trainable())));
        return new FusedLayout(out);
    }

    /** The fused tensor a split name belongs to. */
    public static String fusedName(String name) {
        for (String p : ParameterNames.ATTENTION_PARTS) {
            String suffix = ".self_attn." + p + ".weight";
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length()) + ".self_attn.gqkv_proj.weight";
            }
        }
        for (String p : new String[] {"gate_proj", "up_proj"}) {
            String suffix = ".mlp." + p + ".weight";
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length()) + ".mlp.gate_up_proj.weight";
            }
        }
        return name;
    }

    public List<FusedTensor> tensors() {
        return tensors;
    }

    /**
     * Stacks the rows of the split tensors of {@code weights} into one fused tensor (read at once
     * when the weights are stored fused, see {@link ModelWeights#stacked}).
     */
    public static HostTensor fuse(FusedTensor fused, ModelWeights weights) {
        if (fused.parts().size() == 1) {
            return weights.get(fused.parts().get(0).name());
        }
        return weights.stacked(fused.name(), fused.shape(), fused.parts().stream().map(ParameterSpec::name).toList());
    }

    /**
     * Stacks the rows of split tensors looked up by name (e.g. optimizer moments) into one fused
     * tensor; a missing part or one of the wrong size is an error naming {@code source} and it.
     */
    public static HostTensor fuse(FusedTensor fused, Map<String, HostTensor> parts, String source) {
        return fuse(fused, parts::get, source);
    }

    private static HostTensor fuse(FusedTensor fused, Function<String, HostTensor> parts,
            String source) {
        int[] shape = fused.shape();
        float[] data = new float[(int) HostTensor.numel(shape)];
        int offset = 0;
        for (ParameterSpec part : fused.parts()) {
            HostTensor h = parts.apply(part.name());
            if (h == null) {
                throw new InvalidInputException(source + ": tensor " + part.name() + " is missing");
            }
            if (h.data().length != part.numel()) {
                throw new InvalidInputException(source + ": tensor " + part.name() + " has " + h.data().length
                        + " values, expected " + part.numel() + " (shape " + part.shapeText() + ")");
            }
            System.arraycopy(h.data(), 0, data, offset, h.data().length);
            offset += h.data().length;
        }
        return new HostTensor(fused.name(), shape, data);
    }

    /** Cuts a fused tensor's values back into its split tensors, under their names. */
    public static List<HostTensor> split(FusedTensor fused, float[] data) {
        List<HostTensor> out = new ArrayList<>();
        int offset = 0;
        for (ParameterSpec part : fused.parts()) {
            int n = (int) part.numel();
            float[] d = new float[n];
            System.arraycopy(data, offset, d, 0, n);
            out.add(new HostTensor(part.name(), part.shape(), d));
            offset += n;
        }
        return out;
    }
}
