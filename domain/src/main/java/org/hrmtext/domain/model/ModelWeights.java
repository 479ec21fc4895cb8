package org.hrmtext.domain.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.PublicApi;

/**
 * The tensors of one model, under Hugging Face names, checked against its
 * {@link ParameterLayout}: every expected tensor present with its shape. Stored names are read as
 * {@link ParameterNames#canonical canonical} ones (the release's {@code attn.}), and fused
 * projections ({@code gqkv_proj}, {@code gate_up_proj}) are split into the split names.
 *
 * <p>Weights read from files stay in the files: the checks use the headers only, and each
 * {@link #get} reads that tensor's values (a fused part reads only its rows) into a fresh array.
 * So loading a model onto a backend holds one tensor at a time in the JVM, not the whole model;
 * callers that use a tensor often keep what {@link #get} returned.
 */
@PublicApi
public final class ModelWeights {
    private final ParameterLayout layout;
    private final Map<String, Stored> tensors;

    /** A tensor's values as stored: a run {@code [first, first + numel)} of a source readable in runs. */
    private record Stored(String name, int[] shape, Values values, long first) {
        HostTensor load() {
            return values.read(name, shape, first);
        }
    }

    /** Where stored values come from: memory or a file. */
    private interface Values {
        HostTensor read(String name, int[] shape, long first);
    }

    private ModelWeights(ParameterLayout layout, Map<String, Stored> tensors) {
        this.layout = layout;
        this.tensors = tensors;
    }

    /** Validates a set of tensors in memory; {@code source} names them in errors. */
    public static ModelWeights of(ParameterLayout layout, Map<String, HostTensor> given, String source) {
        Map<String, Stored> out = new LinkedHashMap<>();
        for (HostTensor t : given.values()) {
            Values memory = (name, shape, first) -> first == 0 && HostTensor.numel(shape) == t.data().length
                    ? (name.equals(t.name()) ? t : t.renamed(name))
                    : new HostTensor(name, shape, Arrays.copyOfRange(t.data(), (int) first, (int) (first + HostTensor.numel(shape))));
            add(out, layout, t.name(), t.shape(), memory, source);
        }
        return checked(layout, out, source);
    }

    /** Reads {@code count} values of a stored tensor from element {@code first} on (as float, whatever its stored dtype). */
    @FunctionalInterface
    public interface RunReader {
        float[] read(long first, int count);
    }

    /**
     * A tensor as a file stores it: its stored name (a fused one is split here), its shape, the
     * file that names it in errors, and a reader of runs of its values.
     */
    public record StoredTensor(String name, int[] shape, String file, RunReader values) {
    }

    /**
     * Checks tensors stored in files (one or several shards) against the layout; values are read
     * on {@link #get}, where a NaN or infinity is refused ({@link TensorFiniteness}). A tensor's
     * errors name its file, a missing tensor {@code source}.
     */
    public static ModelWeights fromStored(ParameterLayout layout, Collection<StoredTensor> stored, String source) {
        Map<String, Stored> out = new LinkedHashMap<>();
        for (StoredTensor s : stored) {
            Values file = (name, shape, first) -> {
                HostTensor t = new HostTensor(name, shape, s.values().read(first, (int) HostTensor.numel(shape)));
                TensorFiniteness.check(s.file(), List.of(t));
                return t;
            };
            add(out, layout, s.name(), s.shape(), file, s.file());
        }
        return checked(layout, out, source);
    }

    /** Files the stored tensor under its canonical name(s), splitting a fused one by rows; checks its shape. */
    private static void add(Map<String, Stored> out, ParameterLayout layout, String stored, int[] shape, Values values,
            String source) {
        String name = ParameterNames.canonical(stored);
        Optional<ParameterNames.Fused> fused = ParameterNames.fused(name);
        if (fused.isEmpty()) {
            put(out, new Stored(name, shape, values, 0), stored, layout, source);
            return;
        }
        ParameterNames.Fused f = fused.get();
        int parts = f.parts().length;
        ParameterSpec first = layout.get(f.part(0));
        boolean fits = shape.length == 2 && (first == null ? shape[0] % parts == 0
                : shape[0] == parts * first.shape()[0] && shape[1] == first.shape()[1]);
        if (!fits) {
            String expected = first == null ? "[" + parts + "·rows, hidden]"
                    : "[" + parts * first.shape()[0] + ", " + first.shape()[1] + "]";
            throw new InvalidInputException(source + ": tensor " + stored + " has shape " + Arrays.toString(shape)
                    + ", expected " + expected + " (" + String.join(", ", f.parts()) + " rows stacked)");
        }
        int rows = shape[0] / parts;
        for (int i = 0; i < parts; i++) {
            put(out, new Stored(f.part(i), new int[] {rows, shape[1]}, values, (long) i * rows * shape[1]), stored, layout, source);
        }
    }

    private static void put(Map<String, Stored> out, Stored t, String stored, ParameterLayout layout, String source) {
        if (out.containsKey(t.name())) {
            throw new InvalidInputException(source + ": tensor " + stored + " gives " + t.name() + " a second time");
        }
        ParameterSpec spec = layout.get(t.name());
        if (spec != null && !Arrays.equals(t.shape(), spec.shape())) {
            throw new InvalidInputException(source + ": tensor " + (stored.equals(t.name()) ? stored : stored + " (" + t.name() + ")")
                    + " has shape " + Arrays.toString(t.shape()) + ", expected " + spec.shapeText());
        }
        out.put(t.name(), t);
    }

    private static ModelWeights checked(ParameterLayout layout, Map<String, Stored> given, String source) {
        Map<String, Stored> ordered = new LinkedHashMap<>();
        for (ParameterSpec spec : layout.all()) {
            Stored t = given.get(spec.name());
            if (t == null) {
                throw new InvalidInputException(source + ": tensor " + spec.name() + " is missing (expected shape "
                        + spec.shapeText() + ")");
            }
            ordered.put(spec.name(), t);
        }
        return new ModelWeights(layout, ordered);
    }

    public ParameterLayout layout() {
        return layout;
    }

    /** The values of one tensor (read from its file when it lives in one). */
    public HostTensor get(String name) {
        Stored t = tensors.get(name);
        if (t == null) {
            throw new InvalidInputException("no tensor named " + name);
        }
        return t.load();
    }

    /**
     * Rows {@code [from, from + count)} (along the first axis) of one tensor, read on their own,
     * from its file when it lives in one: for uploading a large tensor block by block.
     */
    public HostTensor rows(String name, int from, int count) {
        Stored t = tensors.get(name);
        if (t == null) {
            throw new InvalidInputException("no tensor named " + name);
        }
        int[] shape = t.shape().clone();
        if (shape.length == 0 || from < 0 || count < 0 || from + count > shape[0]) {
            throw new IllegalArgumentException("tensor " + name + Arrays.toString(t.shape()) + ": no rows [" + from + ", "
                    + (from + count) + ")");
        }
        long rowSize = HostTensor.numel(shape) / shape[0];
        shape[0] = count;
        return t.values().read(name, shape, t.first() + from * rowSize);
    }

    /**
     * The tensors {@code parts} stacked by rows into one tensor {@code name} of {@code shape} (a
     * fused projection). When they are consecutive runs of one stored tensor (a checkpoint stored
     * fused, as the release is) the values are read once, straight into the result; otherwise each
     * part is read and copied in.
     */
    public HostTensor stacked(String name, int[] shape, List<String> parts) {
        Stored first = tensors.get(parts.get(0));
        boolean contiguous = first != null;
        long next = contiguous ? first.first() : 0;
        for (String p : parts) {
            Stored t = tensors.get(p);
            if (t == null || t.values() != first.values() || t.first() != next) {
                contiguous = false;
                break;
            }
            next += HostTensor.numel(t.shape());
        }
        if (contiguous && next - first.first() == HostTensor.numel(shape)) {
            return first.values().read(name, shape, first.first());
        }
        float[] data = new float[(int) HostTensor.numel(shape)];
        int offset = 0;
        for (String p : parts) {
            float[] d = get(p).data();
            if (offset + d.length > data.length) {
                throw new InvalidInputException("tensor " + name + ": its parts " + parts + " hold more than "
                        + data.length + " values");
            }
            System.arraycopy(d, 0, data, offset, d.length);
            offset += d.length;
        }
        return new HostTensor(name, shape, data);
    }

    /** Every tensor in layout order; each element is read when it is taken. */
    public List<HostTensor> all() {
        List<Stored> list = List.copyOf(tensors.values());
        return new AbstractList<>() {
            @Override
            public HostTensor get(int index) {
                return list.get(index).load();
            }

            @Override
            public int size() {
                return list.size();
            }
        };
    }
}
