package org.hrmtext.tests.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hrmtext.formats.json.Json;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.formats.model.ModelDirectoryReader;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.formats.safetensors.Safetensors;
import org.hrmtext.formats.safetensors.SafetensorsWriter.Dtype;
import org.hrmtext.cli.Hrm;
import org.hrmtext.golden.GoldenCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code hrm export-hf} of a release-layout checkpoint ({@link ReleaseCheckpoint}, F32, the
 * release's tokenizer and ids) in both layouts: the export names the release's special token ids
 * (config, {@code generation_config.json}, {@code tokenizer_config.json}), stores the tensors split
 * ({@code self_attn.q_proj}) or fused under the release's names ({@code attn.gqkv_proj}), reads
 * back to the same weights bit for bit and generates the golden greedy tokens. Architectures other
 * than hrm are refused with one line, nothing written.
 */
class HfExportRoundTripTest {
    @TempDir
    static Path dir;
    static GoldenCase golden;
    static Path release;

    @BeforeAll
    static void writeRelease() throws IOException {
        golden = GoldenCase.load("golden/hrm");
        release = ReleaseCheckpoint.write(golden.weights(), dir.resolve("release"),
                new ReleaseCheckpoint.Style(Dtype.F32, false, true, GoldenModelDir.CONTEXT));
    }

    private static Map<String, Object> json(Path file) throws IOException {
        return Json.parseObject(Files.readString(file));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"split", "fused"})
    void roundTripKeepsTheWeightsTheIdsAndTheGreedyTokens(String layout) throws IOException {
        Path out = dir.resolve("hf-" + layout);
        Hrm.run("export-hf", "--model", release, "--out", out, "--layout", layout).succeeded();

        Map<String, Object> config = json(out.resolve("config.json"));
        assertEquals(List.of("HrmTextForCausalLM"), config.get("architectures"));
        assertEquals(List.of(5L, 6L, 11L), List.of(config.get("pad_token_id"), config.get("bos_token_id"), config.get("eos_token_id")));
        Map<String, Object> generation = json(out.resolve("generation_config.json"));
        assertEquals(11L, generation.get("eos_token_id"));
        assertEquals(6L, generation.get("bos_token_id"));
        Map<String, Object> tokenizer = json(out.resolve("tokenizer_config.json"));
        assertEquals(List.of("<|im_start|>", "<|box_end|>", "<|endoftext|>"),
                List.of(tokenizer.get("bos_token"), tokenizer.get("eos_token"), tokenizer.get("pad_token")));
        assertTrue(Files.isRegularFile(out.resolve("tokenizer.json")));

        Set<String> names = Safetensors.header(out.resolve("model.safetensors")).entries().keySet();
        String attention = "model.H_module.layers.0." + (layout.equals("fused") ? "attn.gqkv_proj.weight" : "self_attn.q_proj.weight");
        assertTrue(names.contains(attention), attention + " in " + names);
        assertEquals(layout.equals("split"), names.stream().anyMatch(n -> n.contains("self_attn.")), names.toString());

        ModelWeights back = ModelDirectoryReader.read(out);
        ModelWeights source = golden.weights();
        for (int i = 0; i < source.all().size(); i++) {
            HostTensor a = source.all().get(i);
            assertTrue(Arrays.equals(a.data(), back.get(a.name()).data()), a.name());
        }
        String prompt = Arrays.stream(golden.prompt()).mapToObj(String::valueOf).collect(Collectors.joining(","));
        for (String backend : List.of("djl", "onnx")) {
            Map<String, Object> r = Json.parseObject(Hrm.run("generate", "--model", out, "--backend", backend, "--prompt-ids",
                    prompt, "--max-new-tokens", golden.greedyTokens().length, "--threads", 1, "--json").succeeded().out());
            assertEquals(Arrays.stream(golden.greedyTokens()).mapToObj(Long::valueOf).toList(), r.get("new_tokens"), backend);
        }
    }

    @Test
    void aFolderWithoutTokenizerOrIdsGetsNoGuessedIds() throws IOException {
        Path plain = dir.resolve("plain");
        Files.createDirectories(plain);
        Files.copy(golden.dir().resolve("config.json"), plain.resolve("config.json"));
        Files.copy(golden.dir().resolve("model.safetensors"), plain.resolve("model.safetensors"));
        Path out = dir.resolve("hf-plain");
        Hrm.run("export-hf", "--model", plain, "--out", out).succeeded();
        Map<String, Object> config = json(out.resolve("config.json"));
        assertFalse(config.containsKey("pad_token_id"), config.toString());
        assertFalse(config.containsKey("eos_token_id"), config.toString());
        assertFalse(Files.exists(out.resolve("generation_config.json")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rins", "transformer", "trm", "ut"})
    void otherArchitecturesAreRefusedInOneLine(String arch) throws IOException {
        Path model = GoldenCase.load("golden/" + arch).dir();
        Path out = dir.resolve("refused-" + arch);
        String message = Hrm.run("export-hf", "--model", model, "--out", out).failure(Hrm.BAD_INPUT, "export-hf");
        assertTrue(message.startsWith(model.resolve("config.json").toString()), message);
        assertTrue(message.contains("hrm models only"), message);
        assertFalse(message.contains("\n"), message);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void anUnknownLayoutIsRefused() {
        String message = Hrm.run("export-hf", "--model", release, "--out", dir.resolve("x"), "--layout", "merged")
                .failure(Hrm.BAD_INPUT, "export-hf");
        assertTrue(message.contains("--layout merged: expected split or fused"), message);
        assertFalse(Files.exists(dir.resolve("x")), "nothing written");
    }
}
