package org.hrmtext.tests.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.formats.safetensors.Safetensors;
import org.hrmtext.formats.safetensors.SafetensorsWriter;

/**
 * The folder of one fault case: a copy of the shared fixtures ({@code model/} = the golden HRM
 * model, {@code batch.json}, {@code tiny.yaml}, {@code ids.jsonl} token-id data, {@code text.jsonl}
 * text data, {@code v1/} a V1 dataset, {@code out/user-notes.txt} a file the user put in the output
 * folder; {@link #textModel()} copies a tiny model with a byte tokenizer on demand), with helpers
 * that break one thing, and {@link #snapshot()}: every path under it with a hash of its bytes.
 */
final class Workspace {
    static final String YAML = """
            model:
              preset: tiny
            train:
              steps: 1
              seq_len: 64
              rows: 2
              seed: 0
              log_every: 1
              checkpoint_every: 5
              credit_warmup: false
            optimizer:
              lr: 3.0e-3
              warmup_steps: 1
              min_lr_ratio: 1.0
            backend:
              train: djl
              threads: 1
            """;
    static final String[] SHARED = {"model", "batch.json", "tiny.yaml", "ids.jsonl", "text.jsonl", "v1", "out"};
    static final String TEXT_MODEL = "textmodel";

    private final Path base;
    private final Path root;

    Workspace(Path base, Path root) {
        this.base = base;
        this.root = root;
        for (String name : SHARED) {
            copyTree(base.resolve(name), root.resolve(name));
        }
    }

    Path root() {
        return root;
    }

    Path model() {
        return root.resolve("model");
    }

    Path config() {
        return model().resolve("config.json");
    }

    Path weights() {
        return model().resolve("model.safetensors");
    }

    Path batch() {
        return root.resolve("batch.json");
    }

    Path yaml() {
        return root.resolve("tiny.yaml");
    }

    Path ids() {
        return root.resolve("ids.jsonl");
    }

    Path text() {
        return root.resolve("text.jsonl");
    }

    Path v1() {
        return root.resolve("v1");
    }

    /** The output folder, holding the user's {@code user-notes.txt}; commands write below it. */
    Path out() {
        return root.resolve("out");
    }

    Path notes() {
        return out().resolve("user-notes.txt");
    }

    /** A tiny model trained one step on text with the byte tokenizer, copied in on the first call. */
    Path textModel() {
        Path dir = root.resolve(TEXT_MODEL);
        if (!Files.exists(dir)) {
            copyTree(base.resolve(TEXT_MODEL), dir);
        }
        return dir;
    }

    Path path(String name) {
        return root.resolve(name);
    }

    Path write(String name, String text) {
        return writeBytes(name, text.getBytes(StandardCharsets.UTF_8));
    }

    Path writeBytes(String name, byte[] bytes) {
        try {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code tiny.yaml} with the line {@code line} replaced, as {@code variant.yaml}. */
    Path yamlWith(String line, String replacement) {
        if (!YAML.contains(line + "\n")) {
            throw new IllegalArgumentException("no line \"" + line + "\" in the config");
        }
        return write("variant.yaml", YAML.replace(line + "\n", replacement + "\n"));
    }

    /** Token-id JSONL of the given lines, as {@code variant.jsonl}. */
    Path lines(String... lines) {
        return write("variant.jsonl", String.join("\n", lines) + "\n");
    }

    void editJson(Path file, Consumer<Map<String, Object>> edit) {
        try {
            Map<String, Object> map = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
            edit.accept(map);
            Files.writeString(file, JsonWriter.pretty(map), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites {@code file} (F32) with its tensors after {@code edit}. */
    void editTensors(Path file, Consumer<Map<String, HostTensor>> edit) {
        Map<String, HostTensor> tensors = new LinkedHashMap<>(Safetensors.read(file));
        edit.accept(tensors);
        try {
            SafetensorsWriter.write(file, tensors.values(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets one value of a tensor of the golden model's weights. */
    void poison(String tensor, int index, float value) {
        editTensors(weights(), t -> {
            HostTensor h = t.get(tensor);
            float[] data = h.data().clone();
            data[index] = value;
            t.put(tensor, new HostTensor(tensor, h.shape(), data));
        });
    }

    /** Replaces the golden weights by the 8-byte little-endian {@code headerLength}, {@code header} and zero data. */
    void rawWeights(long headerLength, byte[] header, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(headerLength).put(header);
        writeBytes("model/model.safetensors", b.array());
    }

    void rawWeights(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        rawWeights(h.length, h, dataBytes);
    }

    /** Keeps the first {@code length} bytes of {@code file}. */
    void truncate(Path file, long length) {
        try {
            Files.write(file, Arrays.copyOf(Files.readAllBytes(file), (int) length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file and folder under the workspace: relative path → SHA-256 of its bytes ("dir" for a folder). */
    Map<String, String> snapshot() {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String key = root.relativize(p).toString();
                out.put(key, Files.isDirectory(p) ? "dir" : sha256(Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
