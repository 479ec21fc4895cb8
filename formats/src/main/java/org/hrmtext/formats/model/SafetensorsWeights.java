package org.hrmtext.formats.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.formats.safetensors.Safetensors;

/**
 * Model weights that stay in their safetensors files: the layout is checked from the headers,
 * and each tensor's values are read (memory-mapped, converted to float) when a backend takes it.
 */
public final class SafetensorsWeights {
    private SafetensorsWeights() {
    }

    /** One {@code model.safetensors} checked against the layout from its header. */
    public static ModelWeights read(ParameterLayout layout, Path file) {
        Safetensors.Header h = Safetensors.header(file);
        return fromHeaders(layout, Map.of(h, h.entries().keySet()), file.toString());
    }

    /**
     * The named tensors of several files (shards) checked against the layout; a tensor's errors
     * name its file, a missing tensor {@code source}.
     */
    public static ModelWeights fromHeaders(ParameterLayout layout, Map<Safetensors.Header, ? extends Collection<String>> names,
            String source) {
        List<ModelWeights.StoredTensor> stored = new ArrayList<>();
        names.forEach((h, inFile) -> {
            for (String n : inFile) {
                Safetensors.Entry e = h.entries().get(n);
                if (e == null) {
                    throw new InvalidInputException(h.file() + ": tensor " + n + " is missing");
                }
                stored.add(new ModelWeights.StoredTensor(n, e.shape(), h.file().toString(),
                        (first, count) -> Safetensors.values(h, e, first, count)));
            }
        });
        return ModelWeights.fromStored(layout, stored, source);
    }
}
