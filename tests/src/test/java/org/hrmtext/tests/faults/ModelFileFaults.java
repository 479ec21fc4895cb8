package org.hrmtext.tests.faults;

import static org.hrmtext.tests.faults.FaultCase.Group.MODEL_FILES;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.formats.safetensors.Safetensors;
import org.hrmtext.formats.safetensors.Safetensors.Entry;

/**
 * Broken model folders: {@code model.safetensors} truncated, garbled, with a bad header (JSON,
 * entries, offsets, dtypes), overlapping or repeated tensors, a tensor missing or of the wrong
 * shape, NaN or Inf weights; {@code config.json} missing, not JSON, with missing, mistyped or
 * out-of-range keys, an unsupported RoPE type or an unknown architecture; tokenizer files that
 * disagree with the config's token ids; a file that is not an ONNX model. Refused by
 * {@code score}, {@code generate} and {@code export-onnx}.
 */
final class ModelFileFaults {
    private ModelFileFaults() {
    }

    static Object[] score(Workspace w) {
        return new Object[] {"score", "--model", w.model(), "--batch", w.batch(), "--threads", 1, "--out",
                w.out().resolve("score.json"), "--logits", w.out().resolve("logits.safetensors")};
    }

    static Object[] generate(Path model) {
        return new Object[] {"generate", "--model", model, "--prompt-ids", "1,4,10,11,2", "--max-new-tokens", 4, "--threads", 1};
    }

    private static FaultCase scoreCase(String name, FaultCase.Edit breakIt, String... expected) {
        return FaultCase.of(MODEL_FILES, name, "score", w -> {
            breakIt.apply(w);
            return score(w);
        }, expected);
    }

    private static FaultCase weights(String name, FaultCase.Edit breakIt, String... expected) {
        String[] all = new String[expected.length + 1];
        all[0] = "{ws}/model/model.safetensors";
        System.arraycopy(expected, 0, all, 1, expected.length);
        return scoreCase(name, breakIt, all);
    }

    private static FaultCase config(String name, FaultCase.Edit breakIt, String... expected) {
        String[] all = new String[expected.length + 1];
        all[0] = "{ws}/model/config.json";
        System.arraycopy(expected, 0, all, 1, expected.length);
        return scoreCase(name, breakIt, all);
    }

    private static FaultCase configKey(String key, Object value, String... expected) {
        return config("config.json " + key + " = " + JsonWriter.compact(value), w -> {
            w.editJson(w.config(), c -> c.put(key, value));
            return null;
        }, expected);
    }

    /** Rewrites the header of the golden weights from edited entries, keeping the data bytes. */
    static void entries(Workspace w, UnaryOperator<List<Entry>> edit) throws IOException {
        Safetensors.Header h = Safetensors.header(w.weights());
        byte[] all = Files.readAllBytes(w.weights());
        byte[] data = java.util.Arrays.copyOfRange(all, (int) h.dataStart(), all.length);
        StringBuilder json = new StringBuilder("{");
        for (Entry e : edit.apply(new ArrayList<>(h.entries().values()))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dtype", e.dtype());
            m.put("shape", java.util.Arrays.stream(e.shape()).boxed().toList());
            m.put("data_offsets", List.of(e.begin(), e.end()));
            json.append(json.length() > 1 ? "," : "").append(JsonWriter.compact(e.name())).append(':').append(JsonWriter.compact(m));
        }
        byte[] header = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header).put(data);
        Files.write(w.weights(), b.array());
    }

    private static Entry moved(Entry e, long begin, long end) {
        return new Entry(e.name(), e.dtype(), e.shape(), begin, end);
    }

    static List<FaultCase> cases() {
        List<FaultCase> c = new ArrayList<>();
        // model.safetensors: size and framing
        c.add(weights("safetensors empty", w -> w.writeBytes("model/model.safetensors", new byte[0]), "truncated"));
        c.add(weights("safetensors of 5 bytes", w -> w.writeBytes("model/model.safetensors", new byte[5]), "truncated"));
        c.add(weights("safetensors cut to its header length", w -> {
            w.truncate(w.weights(), 8);
            return null;
        }, "header"));
        c.add(weights("safetensors cut inside its header", w -> {
            w.truncate(w.weights(), 40);
            return null;
        }, "header"));
        c.add(weights("safetensors missing its last byte", w -> {
            w.truncate(w.weights(), w.size(w.weights()) - 1);
            return null;
        }, "truncated"));
        c.add(weights("safetensors missing half its data", w -> {
            w.truncate(w.weights(), w.size(w.weights()) / 2);
            return null;
        }, "truncated"));
        c.add(weights("safetensors header length beyond the file", w -> {
            w.rawWeights(1L << 40, "{}".getBytes(StandardCharsets.UTF_8), 0);
            return null;
        }, "header length"));
        c.add(weights("safetensors header length negative", w -> {
            w.rawWeights(-5, "{}".getBytes(StandardCharsets.UTF_8), 0);
            return null;
        }, "header length"));
        c.add(weights("safetensors header length zero", w -> {
            w.rawWeights(0, new byte[0], 16);
            return null;
        }, "header"));
        c.add(weights("safetensors of random bytes", w -> {
            byte[] junk = new byte[4096];
            new java.util.SplittableRandom(7).nextBytes(junk);
            w.writeBytes("model/model.safetensors", junk);
            return null;
        }, "header"));
        c.add(weights("safetensors that is a text file", w -> w.write("model/model.safetensors", "hello, I am not a model\n"),
                "header"));
        // header JSON
        c.add(weights("safetensors header not JSON", w -> {
            w.rawWeights("{\"lm_head.weight\": [garbage", 0);
            return null;
        }, "bad header", "invalid JSON"));
        c.add(weights("safetensors header a JSON array", w -> {
            w.rawWeights("[1, 2, 3]", 0);
            return null;
        }, "header"));
        c.add(weights("safetensors header invalid UTF-8", w -> {
            w.rawWeights(6, new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', '}'}, 0);
            return null;
        }, "header"));
        c.add(weights("safetensors header entry without dtype", w -> {
            w.rawWeights("{\"lm_head.weight\":{\"shape\":[97,64],\"data_offsets\":[0,24832]}}", 24832);
            return null;
        }, "lm_head.weight", "dtype"));
        c.add(weights("safetensors header entry without shape", w -> {
            w.rawWeights("{\"lm_head.weight\":{\"dtype\":\"F32\",\"data_offsets\":[0,24832]}}", 24832);
            return null;
        }, "lm_head.weight", "shape"));
        c.add(weights("safetensors header entry without data_offsets", w -> {
            w.rawWeights("{\"lm_head.weight\":{\"dtype\":\"F32\",\"shape\":[97,64]}}", 24832);
            return null;
        }, "lm_head.weight", "data_offsets"));
        c.add(weights("safetensors header entry a string", w -> {
            w.rawWeights("{\"lm_head.weight\":\"F32\"}", 0);
            return null;
        }, "lm_head.weight"));
        c.add(weights("safetensors data_offsets reversed", w -> {
            entries(w, l -> {
                Entry e = l.get(0);
                l.set(0, moved(e, e.end(), e.begin()));
                return l;
            });
            return null;
        }, "data_offsets"));
        c.add(weights("safetensors data_offsets disagree with the shape", w -> {
            entries(w, l -> {
                Entry e = l.get(0);
                l.set(0, moved(e, e.begin(), e.end() - 4));
                return l;
            });
            return null;
        }, "data_offsets"));
        c.add(weights("safetensors negative shape", w -> {
            w.rawWeights("{\"lm_head.weight\":{\"dtype\":\"F32\",\"shape\":[-97,64],\"data_offsets\":[0,24832]}}", 24832);
            return null;
        }, "lm_head.weight", "shape"));
        c.add(weights("safetensors shape of text", w -> {
            w.rawWeights("{\"lm_head.weight\":{\"dtype\":\"F32\",\"shape\":\"97x64\",\"data_offsets\":[0,24832]}}", 24832);
            return null;
        }, "lm_head.weight", "shape"));
        c.add(weights("safetensors data_offsets of text", w -> {
            w.rawWeights("{\"lm_head.weight\":{\"dtype\":\"F32\",\"shape\":[97,64],\"data_offsets\":\"0-24832\"}}", 24832);
            return null;
        }, "lm_head.weight", "data_offsets"));
        c.add(weights("safetensors __metadata__ not an object", w -> {
            w.rawWeights("{\"__metadata__\": 5, \"lm_head.weight\":{\"dtype\":\"F32\",\"shape\":[97,64],\"data_offsets\":[0,24832]}}",
                    24832);
            return null;
        }, "__metadata__"));
        // byte ranges
        c.add(weights("safetensors tensors overlap", w -> {
            entries(w, l -> {
                Entry a = l.get(0);
                Entry b = l.get(1);
                l.set(1, moved(b, a.begin(), a.begin() + (b.end() - b.begin())));
                return l;
            });
            return null;
        }, "overlap"));
        c.add(weights("safetensors tensor name repeated", w -> {
            entries(w, l -> {
                l.add(l.get(0));
                return l;
            });
            return null;
        }, "lm_head.weight"));
        c.add(weights("safetensors gap between tensors", w -> {
            entries(w, l -> {
                l.remove(1);
                return l;
            });
            return null;
        }, "unused bytes"));
        // dtype
        c.add(weights("safetensors dtype I64", w -> {
            w.rawWeights("{\"lm_head.weight\":{\"dtype\":\"I64\",\"shape\":[97,64],\"data_offsets\":[0,49664]}}", 49664);
            return null;
        }, "lm_head.weight", "unsupported dtype I64"));
        c.add(weights("safetensors dtype F99", w -> {
            w.rawWeights("{\"lm_head.weight\":{\"dtype\":\"F99\",\"shape\":[97,64],\"data_offsets\":[0,24832]}}", 24832);
            return null;
        }, "lm_head.weight", "dtype F99"));
        c.add(weights("safetensors dtype BOOL", w -> {
            w.rawWeights("{\"lm_head.weight\":{\"dtype\":\"BOOL\",\"shape\":[97,64],\"data_offsets\":[0,6208]}}", 6208);
            return null;
        }, "lm_head.weight", "dtype BOOL"));
        // tensors vs config
        c.add(weights("tensor missing", w -> {
            w.editTensors(w.weights(), t -> t.remove("model.embed_tokens.weight"));
            return null;
        }, "model.embed_tokens.weight", "missing", "[97, 64]"));
        c.add(weights("tensor of the wrong shape", w -> {
            w.editTensors(w.weights(), t -> t.put("lm_head.weight", new HostTensor("lm_head.weight", new int[] {96, 64},
                    new float[96 * 64])));
            return null;
        }, "lm_head.weight", "[96, 64]", "expected [97, 64]"));
        c.add(weights("tensor transposed", w -> {
            w.editTensors(w.weights(), t -> t.put("lm_head.weight", new HostTensor("lm_head.weight", new int[] {64, 97},
                    new float[97 * 64])));
            return null;
        }, "lm_head.weight", "[64, 97]"));
        c.add(weights("tensor of rank 1", w -> {
            w.editTensors(w.weights(), t -> t.put("lm_head.weight", new HostTensor("lm_head.weight", new int[] {97 * 64},
                    new float[97 * 64])));
            return null;
        }, "lm_head.weight", "[6208]"));
        c.add(weights("no tensors at all", w -> {
            w.rawWeights("{}", 0);
            return null;
        }, "missing"));
        c.add(scoreCase("config vocab_size disagrees with the tensors", w -> {
            w.editJson(w.config(), m -> m.put("vocab_size", 98L));
            return null;
        }, "{ws}/model/model.safetensors", "expected [98, 64]"));
        c.add(scoreCase("config hidden_size disagrees with the tensors", w -> {
            w.editJson(w.config(), m -> {
                m.put("hidden_size", 32L);
                m.put("head_dim", 8L);
            });
            return null;
        }, "{ws}/model/model.safetensors", "expected [97, 32]"));
        // non-finite weights
        c.add(weights("NaN weight in lm_head", w -> {
            w.poison("lm_head.weight", 100, Float.NaN);
            return null;
        }, "lm_head.weight", "NaN", "100"));
        c.add(weights("+Inf weight in the embedding", w -> {
            w.poison("model.embed_tokens.weight", 0, Float.POSITIVE_INFINITY);
            return null;
        }, "model.embed_tokens.weight", "Inf"));
        c.add(weights("-Inf weight in the last tensor", w -> {
            Map<String, HostTensor> t = Safetensors.read(w.weights());
            String last = List.copyOf(t.keySet()).get(t.size() - 1);
            w.poison(last, t.get(last).data().length - 1, Float.NEGATIVE_INFINITY);
            return null;
        }, "Inf"));
        c.add(FaultCase.of(MODEL_FILES, "NaN weight refused by generate", "generate", w -> {
            w.poison("lm_head.weight", 5, Float.NaN);
            return generate(w.model());
        }, "{ws}/model/model.safetensors", "lm_head.weight", "NaN"));
        c.add(FaultCase.of(MODEL_FILES, "Inf weight refused by export-onnx", "export-onnx", w -> {
            w.poison("lm_head.weight", 5, Float.POSITIVE_INFINITY);
            return new Object[] {"export-onnx", "--model", w.model(), "--out", w.out().resolve("m.onnx")};
        }, "{ws}/model/model.safetensors", "lm_head.weight", "Inf"));
        // config.json
        c.add(scoreCase("config.json missing", w -> {
            Files.delete(w.config());
            return null;
        }, "config.json"));
        c.add(scoreCase("model.safetensors missing", w -> {
            Files.delete(w.weights());
            return null;
        }, "model.safetensors"));
        c.add(FaultCase.of(MODEL_FILES, "model folder missing", "score", w -> {
            Object[] a = score(w);
            a[2] = w.path("no-such-model");
            return a;
        }, "{ws}/no-such-model"));
        c.add(FaultCase.of(MODEL_FILES, "--model names a text file", "score", w -> {
            Object[] a = score(w);
            a[2] = w.batch();
            return a;
        }, "{ws}/batch.json"));
        c.add(config("config.json empty", w -> w.write("model/config.json", ""), "JSON"));
        c.add(config("config.json not JSON", w -> w.write("model/config.json", "{\"hidden_size\": 64,"), "invalid JSON"));
        c.add(config("config.json a JSON array", w -> w.write("model/config.json", "[1, 2]"), "object"));
        c.add(config("config.json random bytes", w -> {
            byte[] junk = new byte[300];
            new java.util.SplittableRandom(3).nextBytes(junk);
            w.writeBytes("model/config.json", junk);
            return null;
        }, "config.json"));
        c.add(config("config.json without hidden_size", w -> {
            w.editJson(w.config(), m -> m.remove("hidden_size"));
            return null;
        }, "hidden_size"));
        c.add(config("config.json without vocab_size", w -> {
            w.editJson(w.config(), m -> m.remove("vocab_size"));
            return null;
        }, "vocab_size"));
        c.add(configKey("hidden_size", "wide", "hidden_size", "expected an integer"));
        c.add(configKey("hidden_size", 64.5, "hidden_size", "integer"));
        c.add(configKey("hidden_size", 0L, "hidden_size"));
        c.add(configKey("vocab_size", -3L, "vocab_size"));
        c.add(config("config.json heads that do not divide hidden_size", w -> {
            w.editJson(w.config(), m -> {
                m.put("num_attention_heads", 5L);
                m.put("num_key_value_heads", 5L);
            });
            return null;
        }, "num_attention_heads", "does not divide"));
        c.add(configKey("num_key_value_heads", 2L, "num_key_value_heads", "expected 4"));
        c.add(configKey("num_hidden_layers", 0L, "num_hidden_layers"));
        c.add(configKey("max_position_embeddings", 0L, "max_position_embeddings"));
        c.add(configKey("rms_norm_eps", -1.0, "rms_norm_eps"));
        c.add(configKey("rms_norm_eps", "tiny", "rms_norm_eps"));
        c.add(configKey("rope_theta", 0.0, "rope_theta"));
        c.add(configKey("H_cycles", 0L, "H_cycles"));
        c.add(configKey("L_cycles", -1L, "L_cycles"));
        c.add(configKey("H_cycles", "two", "H_cycles"));
        c.add(configKey("tie_word_embeddings", "yes", "tie_word_embeddings"));
        c.add(configKey("prefix_lm", 1L, "prefix_lm"));
        c.add(configKey("hidden_act", "relu", "hidden_act"));
        c.add(configKey("rope_scaling", Map.of("rope_type", "yarn", "factor", 4.0), "rope_scaling", "yarn"));
        c.add(configKey("rope_parameters", Map.of("rope_type", "linear", "rope_theta", 10000.0), "rope_parameters", "linear"));
        c.add(configKey("rope_parameters", "default", "rope_parameters"));
        c.add(configKey("architecture", "lstm", "architecture", "lstm"));
        c.add(configKey("architecture", 7L, "architecture"));
        c.add(configKey("torch_dtype", "int8", "torch_dtype"));
        c.add(configKey("bp_min_steps", 9L, "bp_min_steps"));
        // tokenizer files against the config
        c.add(FaultCase.of(MODEL_FILES, "config bos_token_id disagrees with the tokenizer", "generate", w -> {
            Path m = w.textModel();
            w.editJson(m.resolve("config.json"), c2 -> c2.put("bos_token_id", 7L));
            return new Object[] {"generate", "--model", m, "--prompt", "red green", "--max-new-tokens", 2, "--threads", 1};
        }, "{ws}/textmodel/config.json", "bos_token_id 7", "disagrees with the tokenizer"));
        c.add(FaultCase.of(MODEL_FILES, "config eos_token_id disagrees with the tokenizer", "generate", w -> {
            Path m = w.textModel();
            w.editJson(m.resolve("config.json"), c2 -> c2.put("eos_token_id", 8L));
            return new Object[] {"generate", "--model", m, "--prompt", "red green", "--max-new-tokens", 2, "--threads", 1};
        }, "{ws}/textmodel/config.json", "eos_token_id 8", "disagrees with the tokenizer"));
        c.add(FaultCase.of(MODEL_FILES, "config pad_token_id outside the tokenizer", "generate", w -> {
            Path m = w.textModel();
            w.editJson(m.resolve("config.json"), c2 -> c2.put("pad_token_id", 100000L));
            return new Object[] {"generate", "--model", m, "--prompt", "red green", "--max-new-tokens", 2, "--threads", 1};
        }, "{ws}/textmodel/config.json", "pad_token_id", "100000"));
        c.add(FaultCase.of(MODEL_FILES, "tokenizer_info.json not JSON", "generate", w -> {
            Path m = w.textModel();
            Files.writeString(m.resolve("tokenizer_info.json"), "{\"type\": ");
            return new Object[] {"generate", "--model", m, "--prompt", "red green", "--max-new-tokens", 2, "--threads", 1};
        }, "{ws}/textmodel/tokenizer_info.json"));
        c.add(FaultCase.of(MODEL_FILES, "tokenizer_info.json of an unknown type", "generate", w -> {
            Path m = w.textModel();
            w.editJson(m.resolve("tokenizer_info.json"), t -> t.put("type", "sentencepiece"));
            return new Object[] {"generate", "--model", m, "--prompt", "red green", "--max-new-tokens", 2, "--threads", 1};
        }, "{ws}/textmodel/tokenizer_info.json"));
        // ONNX files
        c.add(FaultCase.of(MODEL_FILES, ".onnx of random bytes", "generate", w -> {
            byte[] junk = new byte[2048];
            new java.util.SplittableRandom(11).nextBytes(junk);
            return generate(w.writeBytes("bad.onnx", junk));
        }, "{ws}/bad.onnx"));
        c.add(FaultCase.of(MODEL_FILES, ".onnx empty", "generate", w -> generate(w.writeBytes("empty.onnx", new byte[0])),
                "{ws}/empty.onnx"));
        c.add(FaultCase.of(MODEL_FILES, ".onnx that is a safetensors file", "generate", w -> {
            Files.copy(w.weights(), w.path("weights.onnx"));
            return generate(w.path("weights.onnx"));
        }, "{ws}/weights.onnx"));
        c.add(FaultCase.of(MODEL_FILES, ".onnx missing", "generate", w -> generate(w.path("gone.onnx")), "{ws}/gone.onnx"));
        return c;
    }
}
