package org.hrmtext.app.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.hrmtext.app.AppVersion;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.model.ModelDirectoryReader;

/**
 * The provenance of a file derived from a model directory, as exports and reports record it: the
 * directory's base name and a SHA-256 over its {@code config.json} and weights files, never its
 * absolute path, so the same model exports to the same bytes wherever it sits.
 *
 * <p>The digest covers {@code config.json}, then the weights ({@link #weightFiles}: the
 * single file, or the index and its shards), each as its name, its length and its bytes.
 */
public record SourceModel(String name, String sha256) {
    /** Metadata key of the model's directory base name. */
    public static final String NAME_KEY = "source_checkpoint";
    /** Metadata key of the digest. */
    public static final String SHA_KEY = "source_sha256";
    /** Metadata key of the tool version. */
    public static final String VERSION_KEY = "hrm_version";

    /** The provenance of the model directory {@code dir}. */
    public static SourceModel of(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        String name = abs.getFileName() == null ? "model" : abs.getFileName().toString();
        return new SourceModel(name, digest(modelFiles(abs)));
    }

    /** The provenance of one file (e.g. a data file): its base name and the SHA-256 of its bytes. */
    public static SourceModel ofFile(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        try (InputStream in = Files.newInputStream(abs)) {
            MessageDigest md = newDigest();
            update(md, in);
            return new SourceModel(abs.getFileName().toString(), HexFormat.of().formatHex(md.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code source_checkpoint}, {@code source_sha256} and {@code hrm_version}. */
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(NAME_KEY, name);
        m.put(SHA_KEY, sha256);
        m.put(VERSION_KEY, AppVersion.version());
        return m;
    }

    /**
     * The weights files of a model directory: {@code model.safetensors}, or else the shards that
     * {@code model.safetensors.index.json} names (in name order); empty when it has neither.
     * Other safetensors files beside them (optimizer state, EMA weights) are not the model's.
     */
    public static List<Path> weightFiles(Path dir) {
        Path single = dir.resolve(ModelDirectoryReader.WEIGHTS);
        if (Files.isRegularFile(single)) {
            return List.of(single);
        }
        Path index = dir.resolve(ModelDirectoryReader.INDEX);
        if (!Files.isRegularFile(index)) {
            return List.of();
        }
        try {
            Object map = Json.parseObject(Files.readString(index)).get("weight_map");
            if (!(map instanceof Map<?, ?> m)) {
                throw new InvalidInputException(index + ": weight_map: expected an object of tensor name -> shard file");
            }
            return Stream.concat(Stream.of(index), new TreeSet<>(m.values().stream().map(String::valueOf).toList()).stream()
                    .map(dir::resolve)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + index + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> modelFiles(Path dir) {
        return Stream.concat(Stream.of(dir.resolve(ModelDirectoryReader.CONFIG)).filter(Files::isRegularFile),
                weightFiles(dir).stream()).toList();
    }

    private static String digest(List<Path> files) {
        MessageDigest md = newDigest();
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Long.toString(Files.size(f)).getBytes(StandardCharsets.US_ASCII));
                md.update((byte) 0);
                update(md, in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, InputStream in) throws IOException {
        byte[] buf = new byte[1 << 20];
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
