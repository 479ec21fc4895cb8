package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hrmtext.cli.Hrm;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.safetensors.Safetensors;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.tests.contract.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards {@code hrm score} end to end on the golden HRM folder (the oracle's model directory and
 * batch): at each listed {@code --bp-steps} the loss within 1e-4 relative, the labelled-token count
 * and every tensor's gradient norm within 1e-3 relative of {@code expected.json}, whether the JSON
 * goes to stdout or to {@code --out}; {@code --logits} writes the [tokens, vocab] logits the oracle
 * computed, and nothing else.
 */
class ScoreGoldenTest {
    private static final GoldenCase GOLDEN = GoldenInputs.GOLDEN;

    @TempDir
    Path dir;

    static List<String> depths() {
        return GOLDEN.depths();
    }

    private static Hrm.Result score(Object... extra) {
        return Hrm.run("score", "--model", GOLDEN.dir(), "--batch", GOLDEN.dir().resolve("batch.json"), "--threads", 1,
                extra).succeeded();
    }

    @ParameterizedTest(name = "--bp-steps {0}")
    @MethodSource("depths")
    void writesTheOracleLossAndGradientNormsToOut(String depth) throws IOException {
        Path out = dir.resolve("score.json");
        assertEquals("", score("--bp-steps", depth, "--out", out).out());
        assertMatchesOracle(depth, Json.parseObject(Files.readString(out)));
        OutputFiles.assertEntries(dir, "score.json");
    }

    @Test
    void printsTheJsonWithoutOut() {
        String depth = GOLDEN.deepest();
        assertMatchesOracle(depth, Json.parseObject(score("--bp-steps", depth).out()));
    }

    @Test
    void writesTheLogitsAsTokensByVocab() {
        Path logits = dir.resolve("logits.safetensors");
        score("--bp-steps", GOLDEN.deepest(), "--logits", logits);
        HostTensor actual = Safetensors.read(logits).get("logits");
        int vocab = GOLDEN.config().vocabSize();
        assertArrayEquals(new int[] {GOLDEN.batch().tokens(), vocab}, actual.shape(), "[T, vocab]");
        assertNull(Tolerance.logits(GOLDEN.expectedLogits().data(), actual.data(), GOLDEN.scoredPositions(), vocab));
        OutputFiles.assertEntries(dir, "logits.safetensors");
    }

    private static void assertMatchesOracle(String depth, Map<String, Object> json) {
        double loss = ((Number) json.get("loss")).doubleValue();
        assertTrue(Tolerance.relativeClose(GOLDEN.loss(depth), loss, Tolerance.LOSS_RELATIVE),
                "loss " + loss + ", expected " + GOLDEN.loss(depth));
        assertEquals(GOLDEN.batch().labelledTokens(), ((Number) json.get("labelled_tokens")).longValue());
        Map<?, ?> norms = (Map<?, ?>) json.get("grad_norms");
        List<String> failures = new ArrayList<>();
        GOLDEN.gradNorms(depth).forEach((name, expected) -> Tolerance.gradNorm(name, ((Number) expected).doubleValue(),
                norms.get(name) == null ? null : ((Number) norms.get(name)).doubleValue(), failures));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(GOLDEN.gradNorms(depth).keySet(), norms.keySet(), "one norm per tensor");
    }
}
