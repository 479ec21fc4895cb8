package org.hrmtext.tests.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.safetensors.SafetensorsWriter;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.cli.Hrm;
import org.hrmtext.tests.contract.Tolerance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checkpoints in the release layout that the project has never seen, checked independently
 * against the PyTorch oracle ({@code src/test/resources/release-reference}, see its README): each
 * oracle folder rewritten into the released layout ({@link ReleaseCheckpoint}), then {@code hrm
 * score} at every oracle depth (including {@code --bp-steps} beyond the number of calls, and
 * truncation keys beyond the cycles, which mean full credit) and {@code hrm generate --prompt-ids}
 * on DJL and ONNX Runtime.
 */
class ReleaseReferenceTest {
    static final List<String> FOLDERS = List.of("release-reference/hrm-h2l2-wide", "release-reference/rins-bp-beyond",
            "release-reference/ut-bp-beyond", "release-reference/trm-bp-beyond");

    @TempDir
    Path dir;

    static Stream<Arguments> depths() {
        return FOLDERS.stream().flatMap(f -> GoldenCase.load(f).depths().stream().map(d -> Arguments.of(f, d)));
    }

    static Stream<Arguments> generators() {
        return FOLDERS.stream().flatMap(f -> Stream.of("djl", "onnx").map(b -> Arguments.of(f, b)));
    }

    private Path release(GoldenCase golden) throws IOException {
        return ReleaseCheckpoint.write(golden.weights(), dir.resolve("release"),
                new ReleaseCheckpoint.Style(SafetensorsWriter.Dtype.F32, golden.arch().contains("hrm"), false, 0));
    }

    @ParameterizedTest(name = "{0} depth {1}")
    @MethodSource("depths")
    void scoreMatchesTheOracle(String folder, String depth) throws IOException {
        GoldenCase golden = GoldenCase.load(folder);
        Path model = release(golden);
        List<Object> args = new ArrayList<>(List.of("score", "--model", model, "--batch", golden.dir().resolve("batch.json"),
                "--threads", 1));
        if (!depth.equals("0")) {
            args.addAll(List.of("--bp-steps", depth));
        }
        Map<String, Object> json = Json.parseObject(Hrm.run(args.toArray()).succeeded().out());
        double loss = ((Number) json.get("loss")).doubleValue();
        assertTrue(Tolerance.relativeClose(golden.loss(depth), loss, Tolerance.LOSS_RELATIVE),
                "loss " + loss + ", expected " + golden.loss(depth));
        Map<?, ?> norms = (Map<?, ?>) json.get("grad_norms");
        List<String> failures = new ArrayList<>();
        golden.gradNorms(depth).forEach((name, expected) -> Tolerance.gradNorm(name, ((Number) expected).doubleValue(),
                norms.get(name) == null ? null : ((Number) norms.get(name)).doubleValue(), failures));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("generators")
    void greedyTokensMatchTheOracle(String folder, String backend) throws IOException {
        GoldenCase golden = GoldenCase.load(folder);
        Path model = release(golden);
        Map<?, ?> generation = (Map<?, ?>) golden.expected().get("generation");
        String prompt = ((List<?>) generation.get("prompt")).stream().map(String::valueOf).collect(Collectors.joining(","));
        List<?> expected = (List<?>) generation.get("greedy_new_tokens");
        Map<String, Object> json = Json.parseObject(Hrm.run("generate", "--model", model, "--prompt-ids", prompt,
                "--max-new-tokens", expected.size(), "--backend", backend, "--threads", 1, "--json").succeeded().out());
        assertEquals(expected, json.get("new_tokens"));
    }
}
