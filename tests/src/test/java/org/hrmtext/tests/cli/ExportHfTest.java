package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hrmtext.cli.Hrm;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.safetensors.Safetensors;
import org.hrmtext.tests.text.HfTokenizerJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards {@code hrm export-hf} on the golden HRM model (issue 5 acceptance): the F32 export scores
 * bit-exactly like the original (same loss bits and gradient norms, same tensors); the BF16 export
 * stores every tensor as the round-to-nearest-even bfloat16 of the F32 value, and, with a Hugging
 * Face {@code tokenizer.json} carried over from the source, loads and generates from text.
 */
class ExportHfTest {
    /** A vocabulary for the golden model: 12 words + [UNK] + the 7 reference special tokens = 20 of its 97 ids. */
    private static final List<String> WORDS = List.of("hello", "world", "the", "answer", "is", "what", "yes", "no", "one",
            "two", "three", "four");

    @TempDir
    Path dir;

    private Path export(String dtype) {
        GoldenInputs inputs = new GoldenInputs(dir.resolve("source"));
        Path source = inputs.weights().getParent();
        Path out = dir.resolve("hf-" + dtype);
        Hrm.run("export-hf", "--model", source, "--out", out, "--dtype", dtype).succeeded();
        return out;
    }

    /** {@code hrm score} JSON at the deepest golden backprop depth. */
    static Map<String, Object> score(Path model) {
        return Json.parseObject(Hrm.run("score", "--model", model, "--batch", GoldenInputs.GOLDEN.dir().resolve("batch.json"),
                "--threads", 1, "--bp-steps", GoldenInputs.GOLDEN.deepest()).succeeded().out());
    }

    @Test
    void float32ExportScoresBitExactly() {
        Path out = export("F32");
        Map<String, Object> original = score(GoldenInputs.GOLDEN.dir());
        Map<String, Object> exported = score(out);
        assertEquals(Double.doubleToRawLongBits(((Number) original.get("loss")).doubleValue()),
                Double.doubleToRawLongBits(((Number) exported.get("loss")).doubleValue()), "loss bits");
        assertEquals(original.get("grad_norms"), exported.get("grad_norms"));
        assertEquals(original.get("labelled_tokens"), exported.get("labelled_tokens"));
        assertEquals(Safetensors.read(GoldenInputs.GOLDEN.dir().resolve("model.safetensors")),
                Safetensors.read(out.resolve("model.safetensors")), "same names, shapes and bits");
        assertEquals("float32", Json.parseObject(read(out.resolve("config.json"))).get("torch_dtype"));
    }

    @Test
    void bfloat16ExportRoundsToNearestEven() throws IOException {
        Path out = export("BF16");
        assertTrue(read(out.resolve("model.safetensors")).contains("\"dtype\":\"BF16\""), "stored as BF16");
        assertEquals("bfloat16", Json.parseObject(read(out.resolve("config.json"))).get("torch_dtype"));
        Map<String, HostTensor> f32 = Safetensors.read(GoldenInputs.GOLDEN.dir().resolve("model.safetensors"));
        Map<String, HostTensor> bf16 = Safetensors.read(out.resolve("model.safetensors"));
        assertEquals(f32.keySet(), bf16.keySet());
        int inexact = 0;
        for (HostTensor t : f32.values()) {
            float[] got = bf16.get(t.name()).data();
            for (int i = 0; i < got.length; i++) {
                assertEquals(Float.floatToRawIntBits(roundToBf16(t.data()[i])), Float.floatToRawIntBits(got[i]),
                        t.name() + "[" + i + "] = " + t.data()[i]);
                inexact += got[i] != t.data()[i] ? 1 : 0;
            }
        }
        assertTrue(inexact > 0, "precondition: the golden weights are not already bfloat16");
    }

    @Test
    void bfloat16ExportWithTokenizerGeneratesFromText() throws IOException {
        HfTokenizerJson.writeWordLevel(dir.resolve("source").resolve(GoldenInputs.MODEL), WORDS);
        Path out = export("BF16");
        assertTrue(Files.exists(out.resolve("tokenizer.json")), "tokenizer.json carried over");
        Map<String, Object> r = Json.parseObject(Hrm.run("generate", "--model", out, "--prompt", "what is the answer",
                "--condition", "direct", "--max-new-tokens", 6, "--threads", 1, "--json").succeeded().out());
        assertTrue(r.get("text") instanceof String, r.toString());
        assertTrue(((List<?>) r.get("new_tokens")).size() <= 6, r.toString());
    }

    /** bfloat16 by round to nearest, ties to even, computed from the bits (independently of the writer). */
    private static float roundToBf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        int upper = bits >>> 16;
        int lower = bits & 0xFFFF;
        if (lower > 0x8000 || (lower == 0x8000 && (upper & 1) == 1)) {
            upper++;
        }
        return Float.intBitsToFloat(upper << 16);
    }

    private static String read(Path file) {
        try {
            byte[] all = Files.readAllBytes(file);
            if (file.toString().endsWith(".safetensors")) {
                long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                return new String(all, 8, (int) n, StandardCharsets.UTF_8);
            }
            return new String(all, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
