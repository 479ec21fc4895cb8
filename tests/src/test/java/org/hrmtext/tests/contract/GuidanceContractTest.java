package org.hrmtext.tests.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.inference.GenerationEngine;
import org.hrmtext.inference.GenerationRequest;
import org.hrmtext.inference.SamplingSettings;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.ModelSource;
import org.hrmtext.tests.reference.PlainDecode;
import org.hrmtext.tests.reference.PlainForward;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Auto-guidance on every generation backend: the engine's guided greedy decode,
 * {@code argmax((1 + w)·logits(final z) − w·logits(first z))} with KV caches, equals the plain
 * reference's guided decode by full recomputation, and a non-zero weight does change the answer
 * of the recurrent architectures (so the check can fail).
 */
class GuidanceContractTest {
    private static final double WEIGHT = 1.5;
    private static final int TOKENS = 8;

    static Stream<Arguments> cases() {
        return GenerationContractTest.GENERATORS.stream()
                .flatMap(b -> Stream.of("golden/hrm", "golden/trm", "golden/ut", "reference/hrm-h3l2")
                        .map(a -> Arguments.of(b, a)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void guidedGreedyEqualsThePlainReference(String backend, String arch) {
        GoldenCase golden = GoldenCase.load(arch);
        int[] expected = new PlainDecode(new PlainForward(golden.config(), golden.weights()),
                golden.config().vocabSize()).greedy(golden.prompt(), TOKENS, WEIGHT);
        assertFalse(Arrays.equals(expected, Arrays.copyOf(golden.greedyTokens(), TOKENS)),
                "guidance " + WEIGHT + " should change the golden greedy answer of " + arch);
        try (InferenceModel model = Backends.provider(backend)
                .openInference(ModelSource.of(golden.weights()), BackendOptions.cpu(1))) {
            int[] guided = new GenerationEngine(model, 64).generate(new GenerationRequest(List.of(golden.prompt()),
                    TOKENS, SamplingSettings.greedy(), WEIGHT, Set.of(), List.of(), null)).newTokens().get(0);
            assertArrayEquals(expected, guided);
        }
    }
}
