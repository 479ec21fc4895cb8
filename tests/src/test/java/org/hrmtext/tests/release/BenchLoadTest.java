package org.hrmtext.tests.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hrmtext.lab.bench.ReleaseCheckpointWriter;
import org.hrmtext.lab.bench.ReleaseTokenizerWriter;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.ModelPresets;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.model.ModelDirectoryReader;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.ParameterSpec;
import org.hrmtext.formats.safetensors.Safetensors;
import org.hrmtext.cli.Hrm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hrm bench load} on the tiny preset (seconds): the random checkpoint it writes has the
 * release's layout (BF16 only, fused {@code attn.} names, list {@code L_bp_cycles}, the release's
 * ids and added tokens), and the command reports, per backend from its own child process, load
 * seconds, peak RSS and its ratio to the fp32 weight bytes, first-token latency and decode rate,
 * leaving no temporary folder behind. The XL run ({@code --preset xl-release}) is a manual
 * benchmark, not part of the suite.
 */
class BenchLoadTest {
    @TempDir
    Path dir;

    @Test
    void theWrittenCheckpointHasTheReleaseLayout() throws IOException {
        ModelConfig config = ModelPresets.named("tiny");
        Path out = dir.resolve("release");
        ReleaseCheckpointWriter.write(config, 0, out);
        Map<String, Safetensors.Entry> entries = Safetensors.header(out.resolve("model.safetensors")).entries();
        assertEquals(Set.of("BF16"), entries.values().stream().map(Safetensors.Entry::dtype).collect(Collectors.toSet()));
        assertTrue(entries.containsKey("model.L_module.layers.0.attn.gqkv_proj.weight"), entries.keySet().toString());
        assertTrue(entries.containsKey("model.H_module.layers.1.mlp.gate_up_proj.weight"), entries.keySet().toString());
        assertFalse(entries.keySet().stream().anyMatch(n -> n.contains("self_attn") || n.contains("q_proj")), entries.keySet().toString());
        Map<String, Object> json = Json.parseObject(Files.readString(out.resolve("config.json")));
        assertEquals(List.of(0L, 3L), json.get("L_bp_cycles"));
        assertEquals("bfloat16", json.get("torch_dtype"));
        assertEquals(List.of(5L, 6L, 11L), List.of(json.get("pad_token_id"), json.get("bos_token_id"), json.get("eos_token_id")));
        assertFalse(json.containsKey("architecture"), "the release has no architecture key");
        Map<String, Object> tokenizer = Json.parseObject(Files.readString(out.resolve("tokenizer.json")));
        List<?> added = (List<?>) tokenizer.get("added_tokens");
        assertEquals(ReleaseTokenizerWriter.SPECIALS, added.stream().map(t -> ((Map<?, ?>) t).get("content")).toList());
        Map<?, ?> vocab = (Map<?, ?>) ((Map<?, ?>) tokenizer.get("model")).get("vocab");
        assertEquals(config.vocabSize(), added.size() + vocab.size());
        assertFalse(Files.exists(out.resolve("tokenizer_info.json")), "the release ships no tokenizer_info.json");
        assertEquals(config.vocabSize(), ModelDirectoryReader.read(out).layout().config().vocabSize());
    }

    @Test
    void reportsLoadMemoryAndSpeedPerBackend() throws IOException {
        Set<Path> before = loadDirs();
        List<String> lines = Hrm.run("bench", "load", "--preset", "tiny", "--new-tokens", 4, "--threads", 1, "--json")
                .succeeded().out().lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        long fp32 = ParameterLayout.of(ModelPresets.named("tiny")).all().stream().mapToLong(ParameterSpec::numel).sum() * 4;
        for (int i = 0; i < 2; i++) {
            Map<String, Object> r = Json.parseObject(lines.get(i));
            assertEquals(List.of("djl", "onnx").get(i), r.get("backend"));
            assertEquals(fp32, ((Number) r.get("fp32_weight_bytes")).longValue());
            double load = ((Number) r.get("load_s")).doubleValue();
            double peak = ((Number) r.get("peak_rss_bytes")).doubleValue();
            assertTrue(load > 0 && load < 120, r.toString());
            assertTrue(peak >= ((Number) r.get("rss_after_load_bytes")).doubleValue() && peak > fp32, r.toString());
            assertEquals(peak / fp32, ((Number) r.get("peak_rss_over_fp32_weights")).doubleValue(), 0.01 * peak / fp32);
            assertTrue(((Number) r.get("first_token_ms")).doubleValue() > 0, r.toString());
            assertTrue(((Number) r.get("decode_tokens_per_s")).doubleValue() > 0, r.toString());
            long generated = ((Number) r.get("new_tokens")).longValue();
            assertTrue(generated >= 1 && generated <= 4, r.toString());
        }
        assertTrue(lines.get(1).contains("\"exported_bytes\""), lines.get(1));
        assertEquals(before, loadDirs(), "the temporary checkpoint is removed");
    }

    private static Set<Path> loadDirs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("hrm-bench-load-")).collect(Collectors.toSet());
        }
    }
}
