package org.hrmtext.tests.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.data.SequenceSpan;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.inference.GenerationEngine;
import org.hrmtext.inference.GenerationRequest;
import org.hrmtext.inference.GenerationResult;
import org.hrmtext.inference.SamplingSettings;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.ModelSource;
import org.hrmtext.ports.ScoreRequest;
import org.hrmtext.ports.Trainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generation through the engine on every generation backend: greedy tokens equal the golden
 * decode, batched prompts of unequal length equal one-at-a-time, and the KV-cached decode equals
 * a full recomputation (logits argmax of the training forward with a PrefixLM mask).
 */
class GenerationContractTest {
    static final List<String> GENERATORS = List.of("djl", "onnx");

    static Stream<Arguments> cases() {
        return GENERATORS.stream().flatMap(b -> Backends.CASES.stream().map(a -> Arguments.of(b, a)));
    }

    private static InferenceModel open(String backend, GoldenCase golden) {
        return Backends.provider(backend).openInference(ModelSource.of(golden.weights()), BackendOptions.cpu(1));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void greedyTokensEqualTheGoldenDecode(String backend, String arch) {
        GoldenCase golden = GoldenCase.load(arch);
        try (InferenceModel model = open(backend, golden)) {
            GenerationResult r = new GenerationEngine(model, 64)
                    .generate(GenerationRequest.greedy(golden.prompt(), golden.greedyTokens().length));
            assertArrayEquals(golden.greedyTokens(), r.newTokens().get(0));
            assertTrue(r.cacheBytes() > 0);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void batchedPromptsOfUnequalLengthEqualOneAtATime(String backend, String arch) {
        GoldenCase golden = GoldenCase.load(arch);
        int[] shortPrompt = Arrays.copyOf(golden.prompt(), 3);
        try (InferenceModel model = open(backend, golden)) {
            GenerationEngine engine = new GenerationEngine(model, 64);
            GenerationResult both = engine.generate(new GenerationRequest(List.of(shortPrompt, golden.prompt()), 8,
                    SamplingSettings.greedy(), 0, Set.of(), List.of(), null));
            assertArrayEquals(engine.generate(GenerationRequest.greedy(shortPrompt, 8)).newTokens().get(0),
                    both.newTokens().get(0));
            assertArrayEquals(Arrays.copyOf(golden.greedyTokens(), 8), both.newTokens().get(1));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void cachedDecodeEqualsFullRecomputation(String backend, String arch) {
        GoldenCase golden = GoldenCase.load(arch);
        int[] prompt = golden.prompt();
        int[] generated;
        try (InferenceModel model = open(backend, golden)) {
            generated = new GenerationEngine(model, 64).generate(GenerationRequest.greedy(prompt, 10)).newTokens().get(0);
        }
        int t = prompt.length + generated.length - 1;
        int[] inputs = new int[t];
        System.arraycopy(prompt, 0, inputs, 0, prompt.length);
        System.arraycopy(generated, 0, inputs, prompt.length, generated.length - 1);
        int[] labels = new int[t];
        int[] positions = new int[t];
        for (int i = 0; i < t; i++) {
            labels[i] = i < prompt.length - 1 ? PackedBatch.IGNORE : inputs[i];
            positions[i] = i;
        }
        PackedBatch full = new PackedBatch(1, t, inputs, labels, positions,
                List.of(new SequenceSpan(0, 0, prompt.length, generated.length - 1)));
        try (Trainer trainer = Backends.open("djl", golden)) {
            float[] logits = trainer.score(full, new ScoreRequest(golden.schedule(golden.deepest()), false, true))
                    .logits().orElseThrow().data();
            int vocab = golden.config().vocabSize();
            for (int i = 0; i < generated.length; i++) {
                int row = prompt.length - 1 + i;
                int best = 0;
                for (int v = 1; v < vocab; v++) {
                    best = logits[row * vocab + v] > logits[row * vocab + best] ? v : best;
                }
                assertEquals(generated[i], best, "token " + i + " of the cached decode");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void promptsPastTheContextOrOutsideTheVocabularyAreRefused(String backend, String arch) {
        GoldenCase golden = GoldenCase.load(arch);
        try (InferenceModel model = open(backend, golden)) {
            GenerationEngine engine = new GenerationEngine(model, 16);
            InvalidInputException tooLong = assertThrows(InvalidInputException.class,
                    () -> engine.generate(GenerationRequest.greedy(golden.prompt(), 12)));
            assertTrue(tooLong.getMessage().contains("exceeds the context length 16"), tooLong.getMessage());
            InvalidInputException unknown = assertThrows(InvalidInputException.class,
                    () -> engine.generate(GenerationRequest.greedy(new int[] {1, golden.config().vocabSize()}, 2)));
            assertTrue(unknown.getMessage().contains("outside the vocabulary"), unknown.getMessage());
        }
    }
}
