package org.hrmtext.inference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.PublicApi;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.formats.model.ModelDirectoryReader;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.ports.BackendCapability;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.BackendProvider;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.ModelSource;

/**
 * The embedding API: an HRM-Text model loaded once and shared by many request threads, each
 * generation with its own KV caches.
 *
 * <p>{@link #backend()} names the backend that was chosen (with no backend named, ONNX Runtime
 * when installed, else DJL). {@link #close()} may be called from any thread at any time: it
 * refuses new generations, cancels those in flight before their next forward pass (they throw
 * {@link ModelClosedException}), waits until they have left and only then frees native memory.
 * A model directory loaded on ONNX Runtime is first exported to a temporary
 * {@code hrm-onnx-*} folder under {@code java.io.tmpdir}, removed by {@code close()} or, if the
 * program never calls it, when the JVM exits.
 *
 * <pre>{@code
 * try (HrmTextModel model = HrmTextModel.load(Path.of("runs/tiny/model"))) {
 *     int[] answer = model.generate(new int[] {1, 4, 12, 13, 2}, 16);
 *     model.generate(GenerationRequest.greedy(prompt, 16));            // full control
 * }
 * }</pre>
 */
@PublicApi
public final class HrmTextModel implements AutoCloseable {
    /** Backends tried, in order, when none is named: ONNX Runtime first, then DJL. */
    private static final List<String> PREFERRED = List.of("onnx", "djl");
    private final InferenceModel model;
    private final GenerationEngine engine;
    private final String backend;

    /** Where and how to run: backend name (null = preferred installed one), device, threads, context. */
    @PublicApi
    public record Options(String backend, String device, int threads, int contextLength) {
        public Options {
            if (threads < 0) {
                throw new InvalidInputException("threads: expected an integer >= 0 (0 = the backend's default), got " + threads);
            }
            if (contextLength < 0) {
                throw new InvalidInputException("context length: expected an integer >= 0 (0 = the model's "
                        + "max_position_embeddings), got " + contextLength);
            }
        }

        public static Options defaults() {
            return new Options(null, "cpu", 1, 0);
        }
    }

    private HrmTextModel(InferenceModel model, int contextLength, String backend) {
        this.model = new GuardedInferenceModel(model);
        this.engine = new GenerationEngine(this.model, contextLength);
        this.backend = backend;
    }

    public static HrmTextModel load(Path path) {
        return load(path, Options.defaults());
    }

    /**
     * Loads a model directory (config.json + model.safetensors) or an exported {@code .onnx} file
     * on the backend named in the options, or the preferred installed one.
     */
    public static HrmTextModel load(Path path, Options options) {
        if (options == null) {
            throw new InvalidInputException("HrmTextModel.load: expected options (Options.defaults() for the defaults)");
        }
        return open(provider(options.backend()), path, options);
    }

    /** Loads a model on a given backend (for callers that select backends themselves). */
    public static HrmTextModel open(BackendProvider provider, Path path, Options options) {
        if (provider == null || path == null || options == null) {
            throw new InvalidInputException("HrmTextModel.open: expected a backend, a model path and options, got "
                    + (provider == null ? "no backend" : path == null ? "no path" : "no options"));
        }
        if (!Files.exists(path)) {
            throw new InvalidInputException(path + ": no such model directory or file");
        }
        ModelSource source = Files.isDirectory(path) ? ModelSource.of(readDirectory(path)) : ModelSource.ofFile(path);
        InferenceModel model = provider.openInference(source, new BackendOptions(options.device(), options.threads()));
        int context = options.contextLength() > 0 ? options.contextLength() : model.config().maxPositionEmbeddings();
        return new HrmTextModel(model, context, provider.name());
    }

    /** Reads and validates a model directory (see {@link ModelDirectoryReader}). */
    public static ModelWeights readDirectory(Path dir) {
        return ModelDirectoryReader.read(dir);
    }

    private static BackendProvider provider(String name) {
        List<BackendProvider> all = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.capabilities().contains(BackendCapability.GENERATE)).toList();
        Set<String> names = all.stream().map(BackendProvider::name).collect(Collectors.toCollection(java.util.TreeSet::new));
        List<String> wanted = name == null ? PREFERRED : List.of(name);
        for (String w : wanted) {
            for (BackendProvider p : all) {
                if (p.name().equals(w)) {
                    return p;
                }
            }
        }
        throw new InvalidInputException("no generation backend " + (name == null ? "installed" : "\"" + name + "\"")
                + "; installed: " + (names.isEmpty() ? "none (add hrm-adapters-onnx or hrm-adapters-djl)" : names));
    }

    public ModelConfig config() {
        return model.config();
    }

    /** The backend this model runs on ({@code onnx}, {@code djl}, ...). */
    public String backend() {
        return backend;
    }

    /** Greedy continuation of one prompt (no stop tokens: it runs {@code maxNewTokens} tokens). */
    public int[] generate(int[] prompt, int maxNewTokens) {
        return engine.generate(GenerationRequest.greedy(prompt, maxNewTokens)).newTokens().get(0);
    }

    /**
     * Any request: several prompts, sampling, stops, guidance, streaming listener.
     *
     * @throws ModelClosedException when the model is closed before or during the generation
     */
    public GenerationResult generate(GenerationRequest request) {
        if (request == null) {
            throw new InvalidInputException("generation: expected a request, got null");
        }
        return engine.generate(request);
    }

    /**
     * Refuses new generations, cancels those in flight ({@link ModelClosedException}), waits for
     * them to leave, then frees native memory. Idempotent.
     */
    @Override
    public void close() {
        model.close();
    }
}
