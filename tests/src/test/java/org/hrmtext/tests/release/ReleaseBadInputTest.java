package org.hrmtext.tests.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.formats.safetensors.SafetensorsWriter.Dtype;
import org.hrmtext.formats.safetensors.SafetensorsWriter;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.cli.Hrm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A release-layout checkpoint with one thing wrong fails {@code hrm export-onnx} and {@code hrm
 * generate --prompt} with exit 2 and one line naming the file and the key or tensor and what was
 * expected, and writes nothing.
 */
class ReleaseBadInputTest {
    @TempDir
    Path dir;
    Path model;

    @BeforeEach
    void writeRelease() throws IOException {
        model = ReleaseCheckpoint.write(GoldenCase.load("golden/hrm").weights(), dir.resolve("model"),
                new ReleaseCheckpoint.Style(Dtype.BF16, false, true, GoldenModelDir.CONTEXT));
    }

    private void rewriteTensors(java.util.function.UnaryOperator<List<HostTensor>> change) throws IOException {
        List<HostTensor> tensors = new ArrayList<>(ReleaseCheckpoint.tensors(
                org.hrmtext.formats.model.ModelDirectoryReader.read(model)));
        SafetensorsWriter.write(model.resolve("model.safetensors"), change.apply(tensors), Map.of(), Dtype.BF16);
    }

    private void editConfig(String from, String to) throws IOException {
        String text = Files.readString(model.resolve("config.json"));
        assertTrue(text.contains(from), from + " in " + text);
        Files.writeString(model.resolve("config.json"), text.replace(from, to));
    }

    /** Both commands fail naming {@code file} and every part; the output folder stays empty. */
    private void assertRefused(Path file, String... parts) throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        String export = Hrm.run("export-onnx", "--model", model, "--out", out.resolve("m.onnx")).failure(Hrm.BAD_INPUT, "export-onnx");
        String generate = Hrm.run("generate", "--model", model, "--prompt", "What is 2+3?", "--max-new-tokens", 2,
                "--threads", 1).failure(Hrm.BAD_INPUT, "generate");
        for (String message : List.of(export, generate)) {
            assertTrue(message.startsWith(file.toString()), message);
            for (String p : parts) {
                assertTrue(message.contains(p), "'" + p + "' in: " + message);
            }
        }
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(), s.toList(), "nothing half-written");
        }
    }

    @Test
    void aMissingTensorIsNamed() throws IOException {
        rewriteTensors(ts -> ts.stream().filter(t -> !t.name().equals("model.L_module.layers.1.mlp.down_proj.weight")).toList());
        assertRefused(model.resolve("model.safetensors"), "tensor model.L_module.layers.1.mlp.down_proj.weight is missing", "[64, 256]");
    }

    @Test
    void aShapeThatDisagreesWithTheConfigIsNamed() throws IOException {
        editConfig("\"vocab_size\": 97", "\"vocab_size\": 98");
        assertRefused(model.resolve("model.safetensors"), "has shape [97, 64], expected [98, 64]");
    }

    @Test
    void aFusedTensorWhoseRowsDoNotSplitIsNamed() throws IOException {
        String name = "model.H_module.layers.0.attn.gqkv_proj.weight";
        rewriteTensors(ts -> ts.stream().map(t -> t.name().equals(name) ? new HostTensor(name, new int[] {250, 64}, new float[250 * 64]) : t)
                .toList());
        assertRefused(model.resolve("model.safetensors"), "tensor " + name, "[250, 64]", "expected [256, 64]",
                "gate_proj, q_proj, k_proj, v_proj");
    }

    @Test
    void aListValuedKeyOfTheWrongLengthIsNamed() throws IOException {
        String text = Files.readString(model.resolve("config.json"));
        Files.writeString(model.resolve("config.json"), text.replaceFirst("\"L_bp_cycles\": \\[[^\\]]*\\]", "\"L_bp_cycles\": [0, 1, 2]"));
        assertRefused(model.resolve("config.json"), "key L_bp_cycles", "H_cycles = 2");
    }

    @Test
    void unsupportedRopeTypesAndDtypesAreNamed() throws IOException {
        editConfig("\"torch_dtype\": \"bfloat16\"", "\"torch_dtype\": \"int4\"");
        assertRefused(model.resolve("config.json"), "key torch_dtype", "\"int4\"", "float32, bfloat16 or float16");
        editConfig("\"torch_dtype\": \"int4\"", "\"torch_dtype\": \"bfloat16\", \"rope_parameters\": {\"rope_type\": \"llama3\"}");
        assertRefused(model.resolve("config.json"), "key rope_parameters.rope_type", "\"llama3\"", "expected \"default\"");
    }

    @Test
    void specialTokensThatDisagreeWithTheConfigIdsNameBoth() throws IOException {
        Files.writeString(model.resolve("tokenizer_info.json"), "{\"boq\": \"<|im_start|>\", \"eoq\": \"<|im_end|>\", "
                + "\"eoa\": \"<|endoftext|>\", \"condition_mapping\": {\"direct\": \"<|object_ref_start|>\"}}");
        Path out = Files.createDirectories(dir.resolve("out"));
        String message = Hrm.run("generate", "--model", model, "--prompt", "What is 2+3?", "--max-new-tokens", 2, "--threads", 1)
                .failure(Hrm.BAD_INPUT, "generate");
        assertTrue(message.startsWith(model.resolve("config.json").toString()), message);
        for (String p : List.of("eos_token_id 11", "\"<|endoftext|>\"", "id 5", model.resolve("tokenizer_info.json").toString())) {
            assertTrue(message.contains(p), "'" + p + "' in: " + message);
        }
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(0, s.count());
        }
    }
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"I16", "U16", "F8_E4M3", "BOOL"})
    void anUnsupportedTensorDtypeIsNamed(String dtype) throws IOException {
        Path file = model.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(file);
        long headerLen = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) headerLen, StandardCharsets.UTF_8);
        String tensor = "model.L_module.layers.0.mlp.down_proj.weight";
        String entry = "\"" + tensor + "\":{\"dtype\":\"BF16\"";
        assertTrue(header.contains(entry), header);
        // same byte length, so only the dtype is wrong
        String changed = header.replace(entry, "\"" + tensor + "\":{\"dtype\":\"" + dtype + "\"");
        byte[] h = changed.getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded + bytes.length - 8 - (int) headerLen).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(h).put(" ".repeat(padded - h.length).getBytes(StandardCharsets.US_ASCII));
        out.put(bytes, 8 + (int) headerLen, bytes.length - 8 - (int) headerLen);
        Files.write(file, out.array());
        assertRefused(file, tensor, "unsupported dtype " + dtype, "expected F32, BF16 or F16");
    }

    @Test
    void aConfigBosIdThatIsNoAddedTokenNamesBothFiles() throws IOException {
        editConfig("\"bos_token_id\": 6", "\"bos_token_id\": 40");
        String message = Hrm.run("generate", "--model", model, "--prompt", "What is 2+3?", "--max-new-tokens", 2, "--threads", 1)
                .failure(Hrm.BAD_INPUT, "generate");
        assertTrue(message.startsWith(model.resolve("config.json").toString()), message);
        for (String p : List.of("bos_token_id 40", "\"<|im_start|>\"", "id 6", model.resolve("tokenizer.json").toString())) {
            assertTrue(message.contains(p), "'" + p + "' in: " + message);
        }
        assertEquals(1, message.lines().count(), message);
    }
}
