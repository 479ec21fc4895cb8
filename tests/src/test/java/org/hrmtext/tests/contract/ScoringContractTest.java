package org.hrmtext.tests.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.ports.ScoreRequest;
import org.hrmtext.ports.ScoreResult;
import org.hrmtext.ports.Trainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden contract, forward and backward: loss and every tensor's gradient norm at each listed
 * backprop depth, and the logits at the deepest, for each backend and architecture.
 */
class ScoringContractTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.hrmtext.tests.contract.Backends#goldenCases")
    void lossAndGradientNormsAtEveryListedDepth(String backend, String arch) {
        GoldenCase golden = GoldenCase.load(arch);
        List<String> failures = new ArrayList<>();
        try (Trainer trainer = Backends.open(backend, golden)) {
            for (String depth : golden.depths()) {
                ScoreResult r = trainer.score(golden.batch(), new ScoreRequest(golden.schedule(depth), true, false));
                if (!Tolerance.relativeClose(golden.loss(depth), r.loss(), Tolerance.LOSS_RELATIVE)) {
                    failures.add("bp " + depth + ": loss " + r.loss() + ", expected " + golden.loss(depth));
                }
                assertEquals(golden.batch().labelledTokens(), r.labelledTokens(), "labelled tokens");
                List<String> norms = new ArrayList<>();
                golden.gradNorms(depth).forEach((name, e) ->
                        Tolerance.gradNorm(name, ((Number) e).doubleValue(), r.gradNorms().get(name), norms));
                norms.forEach(f -> failures.add("bp " + depth + ": " + f));
            }
        }
        assertTrue(failures.isEmpty(), arch + ": " + failures.size() + " mismatches:\n" + String.join("\n", failures));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.hrmtext.tests.contract.Backends#goldenCases")
    void logitsAtTheDeepestDepth(String backend, String arch) {
        GoldenCase golden = GoldenCase.load(arch);
        HostTensor expected = golden.expectedLogits();
        try (Trainer trainer = Backends.open(backend, golden)) {
            ScoreResult r = trainer.score(golden.batch(), new ScoreRequest(golden.schedule(golden.deepest()), false, true));
            HostTensor logits = r.logits().orElseThrow(() -> new AssertionError("no logits returned"));
            assertArrayEquals(expected.shape(), logits.shape(), "logits shape [tokens, vocab]");
            String mismatch = Tolerance.logits(expected.data(), logits.data(), golden.scoredPositions(),
                    golden.config().vocabSize());
            assertTrue(mismatch == null, arch + ": " + mismatch);
        }
    }
}
