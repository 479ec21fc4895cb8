package org.hrmtext.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.model.FusedLayout;
import org.hrmtext.domain.model.FusedLayout.FusedTensor;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.ParameterSpec;

/**
 * A model's tensors on the DJL device, in the fused layout ({@code gqkv_proj}, {@code gate_up_proj}),
 * trainable ones with gradients attached. Converts to and from the split Hugging Face names.
 */
final class DjlParameters {
    private final ParameterLayout layout;
    private final FusedLayout fused;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();

    /** Uploads weights; with {@code trainable}, trained tensors get gradients attached. */
    DjlParameters(NDManager manager, ModelWeights weights, boolean trainable) {
        this.layout = weights.layout();
        this.fused = FusedLayout.of(layout);
        for (FusedTensor t : fused.tensors()) {
            NDArray a = upload(manager, t, weights);
            if (trainable && t.trainable()) {
                a.setRequiresGradient(true);
            }
            arrays.put(t.name(), a);
        }
    }

    /**
     * Uploads one fused tensor; a large one block by block straight from the weights (each block
     * read from its file on its own), so neither the JVM nor native memory holds it twice.
     */
    static NDArray upload(NDManager manager, FusedTensor t, ModelWeights weights) {
        int[] shape = t.shape();
        if (shape.length < 2 || HostTensor.numel(shape) <= DjlRowUpload.CHUNK_VALUES) {
            return upload(manager, FusedLayout.fuse(t, weights));
        }
        DjlRowUpload upload = new DjlRowUpload(manager, new Shape(java.util.Arrays.stream(shape).asLongStream().toArray()));
        try {
            int row = 0;
            for (ParameterSpec part : t.parts()) {
                int rows = part.shape()[0];
                for (int r = 0; r < rows; r += upload.blockRows()) {
                    upload.write(row + r, weights.rows(part.name(), r, Math.min(upload.blockRows(), rows - r)).data());
                }
                row += rows;
            }
            return upload.array();
        } catch (RuntimeException e) {
            upload.discard();
            throw e;
        }
    }

    static NDArray upload(NDManager manager, HostTensor t) {
        long[] shape = new long[t.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.shape()[i];
        }
        return DjlArrays.largeFloats(manager, t.data(), new Shape(shape));
    }

    NDArray get(String fusedName) {
        NDArray a = arrays.get(fusedName);
        if (a == null) {
            throw new IllegalStateException("no parameter " + fusedName);
        }
        return a;
    }

    ParameterLayout layout() {
        return layout;
    }

    List<FusedTensor> fusedTensors() {
        return fused.tensors();
    }

    /** Current values under the split Hugging Face names. */
    ModelWeights download() {
        return download(arrays);
    }

    /** Values of per-fused-tensor arrays (e.g. moments) under the split names. */
    ModelWeights download(Map<String, NDArray> byFusedName) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (FusedTensor t : fused.tensors()) {
            NDArray a = byFusedName.get(t.name());
            for (HostTensor part : FusedLayout.split(t, a.toFloatArray())) {
                out.put(part.name(), part);
            }
        }
        return ModelWeights.of(layout, out, "djl");
    }

    /** Split tensors of a subset (e.g. moments of trainable tensors only), keyed by split name. */
    Map<String, HostTensor> downloadParts(Map<String, NDArray> byFusedName) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (FusedTensor t : fused.tensors()) {
            NDArray a = byFusedName.get(t.name());
            if (a != null) {
                for (HostTensor part : FusedLayout.split(t, a.toFloatArray())) {
                    out.put(part.name(), part);
                }
            }
        }
        return out;
    }

    /** Row ranges of each split part inside its fused tensor, for per-name gradient norms. */
    static List<long[]> partRows(FusedTensor t) {
        List<long[]> rows = new ArrayList<>();
        long start = 0;
        for (var p : t.parts()) {
            rows.add(new long[] {start, start + p.shape()[0]});
            start += p.shape()[0];
        }
        return rows;
    }
}
