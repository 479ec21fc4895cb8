package org.hrmtext.tests.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.hrmtext.cli.Hrm;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.formats.safetensors.Safetensors;
import org.hrmtext.formats.safetensors.SafetensorsWriter;
import org.hrmtext.golden.GoldenCase;

/**
 * A copy of the golden HRM folder in a temporary directory ({@code model/config.json},
 * {@code model/model.safetensors}, {@code batch.json}) with edits that make one thing wrong, and
 * the {@code hrm score} run that must reject it without writing anything.
 */
final class GoldenInputs {
    static final GoldenCase GOLDEN = GoldenCase.load("golden/hrm");
    static final String MODEL = "model";
    static final String BATCH = "batch.json";

    private final Path dir;
    private final Path model;
    private final Path batch;

    GoldenInputs(Path dir) {
        this.dir = dir;
        this.model = dir.resolve(MODEL);
        this.batch = dir.resolve(BATCH);
        try {
            Files.createDirectories(model);
            Files.copy(GOLDEN.dir().resolve("config.json"), config());
            Files.copy(GOLDEN.dir().resolve("model.safetensors"), weights());
            Files.copy(GOLDEN.dir().resolve(BATCH), batch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path config() {
        return model.resolve("config.json");
    }

    Path weights() {
        return model.resolve("model.safetensors");
    }

    Path batch() {
        return batch;
    }

    void editConfig(Consumer<Map<String, Object>> edit) {
        editJson(config(), edit);
    }

    void editBatch(Consumer<Map<String, Object>> edit) {
        editJson(batch, edit);
    }

    /** Rewrites model.safetensors (F32) with the tensors after {@code edit}. */
    void editTensors(Consumer<Map<String, HostTensor>> edit) {
        Map<String, HostTensor> tensors = new LinkedHashMap<>(Safetensors.read(weights()));
        edit.accept(tensors);
        try {
            SafetensorsWriter.write(weights(), tensors.values(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces model.safetensors by a hand-made file: the 8-byte header length, {@code header}, zero data. */
    void writeRawWeights(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        write(weights(), b.array());
    }

    /** Cuts the last {@code bytes} bytes off model.safetensors. */
    void truncateWeights(int bytes) {
        try {
            byte[] all = Files.readAllBytes(weights());
            write(weights(), Arrays.copyOf(all, all.length - bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code hrm score} with {@code --out} and {@code --logits} into the temporary directory,
     * asserts a bad-input exit with one error line and that nothing was written beside the inputs,
     * and returns the message.
     */
    String rejected(Object... extra) {
        String message = Hrm.run("score", "--model", model, "--batch", batch, "--threads", 1, "--out",
                dir.resolve("score.json"), "--logits", dir.resolve("logits.safetensors"), extra).failure(Hrm.BAD_INPUT, "score");
        OutputFiles.assertEntries(dir, MODEL, BATCH);
        OutputFiles.assertEntries(model, "config.json", "model.safetensors");
        return message;
    }

    private static void editJson(Path file, Consumer<Map<String, Object>> edit) {
        try {
            Map<String, Object> map = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
            edit.accept(map);
            Files.writeString(file, JsonWriter.pretty(map), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
