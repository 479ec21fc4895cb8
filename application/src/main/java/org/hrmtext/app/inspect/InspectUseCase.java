package org.hrmtext.app.inspect;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.hrmtext.app.checkpoint.SourceModel;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.formats.config.ModelConfigJson;
import org.hrmtext.domain.data.PrefixLmMask;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.formats.model.ModelDirectoryReader;
import org.hrmtext.formats.safetensors.Safetensors;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.ports.ExportedSignature;
import org.hrmtext.ports.ExportedSignature.Port;
import org.hrmtext.ports.ModelExporter;

/**
 * Describes a model for {@code hrm inspect}, as text lines. An exported file: its inputs and
 * outputs with element types and dims, the attention bias convention, the number of caches, and
 * its metadata (architecture, schedule, quantization, provenance). A model directory: its config,
 * schedule and cache count, the tensors and parameters of its safetensors files with their dtypes,
 * its tokenizer files and its digest. Reads headers only; loads no weights.
 */
public final class InspectUseCase {
    /** Tokenizer files a model directory may carry. */
    private static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer_info.json",
            "tokenizer_config.json", "special_tokens_map.json");
    private static final String PAST_KEY = "past_key.";

    private final BackendRegistry registry;

    @Inject
    public InspectUseCase(BackendRegistry registry) {
        this.registry = registry;
    }

    /** The description of {@code path} (an exported file, read by {@code backend}'s exporter, or a model directory). */
    public List<String> describe(Path path, String backend) {
        if (Files.isDirectory(path)) {
            return directory(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(path + ": no such file or directory; expected FILE.onnx or a model directory");
        }
        return exported(path, registry.select(backend).exporter());
    }

    private static List<String> exported(Path file, ModelExporter exporter) {
        ExportedSignature signature = exporter.signatureOf(file);
        Map<String, String> metadata = exporter.metadataOf(file);
        List<String> out = new ArrayList<>();
        out.add("file: " + file.getFileName() + " (" + size(file) + " bytes)");
        String config = metadata.get("config");
        if (config != null) {
            ModelConfig c = ModelConfigJson.fromMap(file + " metadata config", Json.parseObject(config));
            out.add("architecture: " + c.architecture().configName());
        }
        out.add("schedule: " + metadata.getOrDefault("schedule", "(not recorded)"));
        long caches = signature.inputs().stream().filter(p -> p.name().startsWith(PAST_KEY)).count();
        String cacheType = signature.inputs().stream().filter(p -> p.name().startsWith(PAST_KEY)).map(Port::dtype)
                .findFirst().orElse("-");
        out.add("caches: " + caches + " key/value pairs (past_key.C.L/past_value.C.L in, new_key.C.L/new_value.C.L "
                + "out: append each run's new_* to past_* along axis 2; C = module call, L = layer), "
                + cacheType);
        out.add("weights: " + metadata.getOrDefault("weights", "f32")
                + (metadata.containsKey("weights_scheme") ? " (" + metadata.get("weights_scheme") + ")" : ""));
        out.add(String.format(Locale.ROOT, "attention_bias: additive, 0 = attend, %s = blocked", blocked()));
        out.add("inputs:");
        signature.inputs().forEach(p -> out.add(port(p)));
        out.add("outputs:");
        signature.outputs().forEach(p -> out.add(port(p)));
        out.add("metadata:");
        metadata.forEach((k, v) -> out.add(String.format(Locale.ROOT, "  %-20s %s", k,
                k.equals("config") ? JsonWriter.compact(Json.parse(v)) : v)));
        return out;
    }

    private static List<String> directory(Path dir) {
        Path configFile = dir.resolve(ModelDirectoryReader.CONFIG);
        if (!Files.isRegularFile(configFile)) {
            throw new InvalidInputException(dir + ": not a model directory: no " + ModelDirectoryReader.CONFIG);
        }
        ModelConfig c = ModelConfigJson.read(configFile);
        List<Path> weights = SourceModel.weightFiles(dir).stream().filter(p -> p.toString().endsWith(".safetensors")).toList();
        if (weights.isEmpty()) {
            throw new InvalidInputException(dir + ": not a model directory: no " + ModelDirectoryReader.WEIGHTS + " or "
                    + ModelDirectoryReader.INDEX);
        }
        long tensors = 0;
        long parameters = 0;
        TreeSet<String> dtypes = new TreeSet<>();
        for (Path w : weights) {
            for (Safetensors.Entry e : Safetensors.header(w).entries().values()) {
                tensors++;
                long n = 1;
                for (int d : e.shape()) {
                    n *= d;
                }
                parameters += n;
                dtypes.add(e.dtype());
            }
        }
        RecurrenceSchedule schedule = RecurrenceSchedule.of(c, RecurrenceSchedule.ownCredit(c));
        List<String> tokenizer = TOKENIZER_FILES.stream().filter(f -> Files.isRegularFile(dir.resolve(f))).toList();
        SourceModel source = SourceModel.of(dir);
        List<String> out = new ArrayList<>();
        out.add("model directory: " + source.name());
        out.add("architecture: " + c.architecture().configName());
        out.add(String.format(Locale.ROOT, "config: vocab_size %d, hidden_size %d, intermediate_size %d, "
                        + "num_hidden_layers %d, num_attention_heads %d (head_dim %d), max_position_embeddings %d",
                c.vocabSize(), c.hiddenSize(), c.intermediateSize(), c.numHiddenLayers(), c.numAttentionHeads(),
                c.headDim(), c.maxPositionEmbeddings()));
        out.add("schedule: " + schedule);
        out.add("caches: " + schedule.calls().size() * c.numHiddenLayers() + " key/value pairs in an export ("
                + schedule.calls().size() + " module calls x " + c.numHiddenLayers() + " layers)");
        out.add(String.format(Locale.ROOT, "tensors: %d in %d file(s), %,d parameters, dtype %s", tensors, weights.size(),
                parameters, String.join("+", dtypes)));
        out.add("tokenizer: " + (tokenizer.isEmpty() ? "none (token ids only, or --tokenizer byte)" : String.join(", ", tokenizer)));
        out.add("sha256: " + source.sha256());
        return out;
    }

    private static String port(Port p) {
        return String.format(Locale.ROOT, "  %-20s %-8s [%s]", p.name(), p.dtype(), String.join(", ", p.dims()));
    }

    private static String blocked() {
        return Float.toString(PrefixLmMask.BLOCKED);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
