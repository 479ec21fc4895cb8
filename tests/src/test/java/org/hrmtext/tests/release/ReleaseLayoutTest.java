package org.hrmtext.tests.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hrmtext.cli.Hrm;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.safetensors.Safetensors;
import org.hrmtext.formats.safetensors.SafetensorsWriter.Dtype;
import org.hrmtext.formats.safetensors.SafetensorsWriter;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.inference.GenerationRequest;
import org.hrmtext.inference.HrmTextModel;
import org.hrmtext.inference.SamplingSettings;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;
import org.hrmtext.lab.bench.ReleaseTokenizerWriter;
import org.hrmtext.ports.Tokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The golden HRM model rewritten into the released checkpoint's layout ({@link ReleaseCheckpoint}:
 * release names, fused tensors, list {@code L_bp_cycles}, a data_io-style tokenizer and the release's
 * token ids), as a download would be used: {@code hrm generate --prompt-ids} gives the golden greedy
 * tokens (F32) and the upcast-F32 model's tokens (BF16, also through {@code export-onnx}), and
 * {@code --prompt} text gives what the ids of {@code <|im_start|> <|object_ref_start|> text <|im_end|>}
 * give, stops at {@code eos_token_id} and drops it, on DJL and ONNX Runtime.
 */
class ReleaseLayoutTest {
    private static final String QUESTION = "  What is 2+3? Answer: \n";
    private static final int NEW = 12;

    @TempDir
    static Path dir;
    static GoldenCase golden;
    static Path f32;
    static Path bf16;
    static Path upcast;

    @BeforeAll
    static void writeFixtures() throws IOException {
        golden = GoldenCase.load("golden/hrm");
        f32 = ReleaseCheckpoint.write(golden.weights(), dir.resolve("release-f32"),
                new ReleaseCheckpoint.Style(Dtype.F32, false, true, GoldenModelDir.CONTEXT));
        bf16 = ReleaseCheckpoint.write(golden.weights(), dir.resolve("release-bf16"),
                new ReleaseCheckpoint.Style(Dtype.BF16, true, true, GoldenModelDir.CONTEXT));
        // The BF16 values upcast to F32, in our own split layout: the reference the BF16 release must match.
        upcast = Files.createDirectories(dir.resolve("upcast"));
        Files.copy(GoldenModelDir.write("golden/hrm", dir.resolve("plain")).resolve("config.json"), upcast.resolve("config.json"));
        Map<String, HostTensor> rounded = Safetensors.read(bf16.resolve("model.safetensors"));
        ModelWeights w = ModelWeights.of(golden.weights().layout(), rounded, "bf16");
        SafetensorsWriter.write(upcast.resolve("model.safetensors"), new ArrayList<>(w.all()), Map.of());
    }

    private static String ids(int[] ids) {
        return Arrays.stream(ids).mapToObj(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Object> newTokens(Object... args) {
        List<Object> argv = new ArrayList<>(List.of("generate", "--threads", 1, "--json", "--max-new-tokens", NEW));
        argv.addAll(List.of(args));
        @SuppressWarnings("unchecked")
        List<Object> tokens = (List<Object>) Json.parseObject(Hrm.run(argv.toArray()).succeeded().out()).get("new_tokens");
        return tokens;
    }

    private static int[] engineTokens(Path model, int[] prompt) {
        try (HrmTextModel m = HrmTextModel.load(model, new HrmTextModel.Options("djl", "cpu", 1, 0))) {
            return m.generate(new GenerationRequest(List.of(prompt), NEW, SamplingSettings.greedy(), 0,
                    Set.of(ReleaseTokenizerWriter.EOS), List.of(), null)).newTokens().get(0);
        }
    }

    private static List<Object> boxed(int[] tokens) {
        return Arrays.stream(tokens).boxed().map(Long::valueOf).map(Object.class::cast).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"djl", "onnx"})
    void promptIdsOnTheF32ReleaseGiveTheGoldenTokens(String backend) {
        assertEquals(boxed(golden.greedyTokens()), newTokens("--model", f32, "--backend", backend,
                "--prompt-ids", ids(golden.prompt())));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"djl", "onnx"})
    void promptIdsOnTheBf16ReleaseGiveTheUpcastTokens(String backend) {
        int[] expected = engineTokens(upcast, golden.prompt());
        assertEquals(boxed(expected), newTokens("--model", bf16, "--backend", backend, "--prompt-ids", ids(golden.prompt())));
        Path onnx = dir.resolve("bf16-" + backend + ".onnx");
        Hrm.run("export-onnx", "--model", bf16, "--out", onnx).succeeded();
        assertEquals(boxed(expected), newTokens("--model", onnx, "--prompt-ids", ids(golden.prompt())));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"djl", "onnx"})
    void promptTextIsTheReleaseFormatAndStopsAtEos(String backend) {
        int[] text;
        try (Tokenizer tok = TokenizerCatalog.installed().openSaved(bf16).orElseThrow()) {
            text = tok.encode(QUESTION.strip());
        }
        int[] prompt = new int[text.length + 3];
        prompt[0] = ReleaseTokenizerWriter.BOS;
        prompt[1] = 8; // direct = <|object_ref_start|>
        System.arraycopy(text, 0, prompt, 2, text.length);
        prompt[prompt.length - 1] = 7; // <|im_end|>
        int[] expected = engineTokens(upcast, prompt);
        Map<String, Object> json = Json.parseObject(Hrm.run("generate", "--model", bf16, "--backend", backend, "--prompt", QUESTION,
                "--max-new-tokens", NEW, "--threads", 1, "--json").succeeded().out());
        assertEquals(boxed(expected), json.get("new_tokens"));
        int end = 0;
        while (end < expected.length && expected[end] != ReleaseTokenizerWriter.EOS) {
            end++;
        }
        try (Tokenizer tok = TokenizerCatalog.installed().openSaved(bf16).orElseThrow()) {
            assertEquals(tok.decode(Arrays.copyOf(expected, end)), json.get("text"));
        }
        assertFalse(String.valueOf(json.get("text")).contains("<|box_end|>"));
        Map<String, Object> none = Json.parseObject(Hrm.run("generate", "--model", bf16, "--backend", backend, "--prompt", QUESTION,
                "--condition", "none", "--max-new-tokens", NEW, "--threads", 1, "--json").succeeded().out());
        int[] withoutCondition = new int[prompt.length - 1];
        withoutCondition[0] = prompt[0];
        System.arraycopy(prompt, 2, withoutCondition, 1, prompt.length - 2);
        assertArrayEquals(engineTokens(upcast, withoutCondition),
                ((List<?>) none.get("new_tokens")).stream().mapToInt(o -> ((Number) o).intValue()).toArray());
        assertTrue(Files.exists(bf16.resolve("config.json")));
    }
}
