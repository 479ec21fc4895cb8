package org.hrmtext.tests.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.inference.GenerationEngine;
import org.hrmtext.inference.GenerationRequest;
import org.hrmtext.inference.SamplingSettings;
import org.hrmtext.inference.batching.BatchingSettings;
import org.hrmtext.inference.batching.ContinuousBatcher;
import org.hrmtext.inference.batching.DecodeOutcome;
import org.hrmtext.inference.batching.DecodeRequest;
import org.hrmtext.inference.batching.Generation;
import org.hrmtext.inference.batching.StepObserver;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.ForwardRequest;
import org.hrmtext.ports.ForwardResult;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.KvCache;
import org.hrmtext.ports.KvCacheRow;
import org.hrmtext.ports.ModelSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batched decode step of continuous batching on every generation backend: caches of
 * different lengths gathered into one batch give, in one forward, the logits each request gets
 * from its own cache; and the batcher's greedy tokens for 16 requests at once equal each request
 * decoded alone by the engine.
 */
class BatchedDecodeContractTest {
    private static final float BLOCKED = -1e9f;

    static Stream<Arguments> cases() {
        return GenerationContractTest.GENERATORS.stream()
                .flatMap(b -> Stream.of("golden/hrm", "golden/trm", "reference/hrm-h3l2").map(a -> Arguments.of(b, a)));
    }

    private static InferenceModel open(String backend, GoldenCase golden) {
        return Backends.provider(backend).openInference(ModelSource.of(golden.weights()), BackendOptions.cpu(1));
    }

    private static List<int[]> prompts(GoldenCase golden) {
        int[] p = golden.prompt();
        return List.of(p, Arrays.copyOf(p, 3), Arrays.copyOf(p, Math.max(1, p.length - 2)), new int[] {p[0]});
    }

    /** Prefills a prompt into its own cache; returns the greedy first token. */
    private static int prefill(InferenceModel model, KvCache cache, int[] prompt) {
        int t = prompt.length;
        long[] tokens = Arrays.stream(prompt).asLongStream().toArray();
        long[] positions = new long[t];
        for (int i = 0; i < t; i++) {
            positions[i] = i;
        }
        ForwardResult out = model.forward(cache, new ForwardRequest(1, t, tokens, positions, new float[t * t],
                new long[] {t - 1}));
        return argmax(out.logits(), 0, model.config().vocabSize());
    }

    private static int argmax(float[] logits, int offset, int vocab) {
        int best = 0;
        for (int v = 1; v < vocab; v++) {
            best = logits[offset + v] > logits[offset + best] ? v : best;
        }
        return best;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gatheredStepLogitsEqualPerRequestLogits(String backend, String arch) {
        GoldenCase golden = GoldenCase.load(arch);
        List<int[]> prompts = prompts(golden);
        try (InferenceModel model = open(backend, golden)) {
            int vocab = model.config().vocabSize();
            int n = prompts.size();
            List<KvCache> own = new ArrayList<>();
            long[] next = new long[n];
            long[] positions = new long[n];
            try {
                List<KvCacheRow> rows = new ArrayList<>();
                int longest = 0;
                for (int i = 0; i < n; i++) {
                    own.add(model.newCache(1));
                    next[i] = prefill(model, own.get(i), prompts.get(i));
                    positions[i] = prompts.get(i).length;
                    int[] all = new int[prompts.get(i).length];
                    Arrays.setAll(all, k -> k);
                    rows.add(new KvCacheRow(own.get(i), 0, all));
                    longest = Math.max(longest, all.length);
                }
                float[] batched;
                try (KvCache merged = model.gather(rows, longest)) {
                    assertEquals(n, merged.batch());
                    assertEquals(longest, merged.length());
                    int keys = longest + 1;
                    float[] bias = new float[n * keys];
                    for (int i = 0; i < n; i++) {
                        Arrays.fill(bias, i * keys + prompts.get(i).length, i * keys + longest, BLOCKED);
                    }
                    batched = model.forward(merged, new ForwardRequest(n, 1, next, positions, bias, new long[n])).logits();
                }
                for (int i = 0; i < n; i++) {
                    float[] alone = model.forward(own.get(i), new ForwardRequest(1, 1, new long[] {next[i]},
                            new long[] {positions[i]}, new float[own.get(i).length() + 1], new long[1])).logits();
                    assertNull(Tolerance.logits(alone, Arrays.copyOfRange(batched, i * vocab, (i + 1) * vocab), 1, vocab),
                            "row " + i + " (prompt of " + prompts.get(i).length + " tokens)");
                }
            } finally {
                own.forEach(KvCache::close);
            }
        }
    }

    static Stream<Arguments> backends() {
        return GenerationContractTest.GENERATORS.stream().map(b -> Arguments.of(b, "golden/hrm"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backends")
    void sixteenGreedyRequestsAtOnceEqualEachAlone(String backend, String arch) throws Exception {
        GoldenCase golden = GoldenCase.load(arch);
        List<int[]> prompts = prompts(golden);
        try (InferenceModel model = open(backend, golden);
                ContinuousBatcher batcher = new ContinuousBatcher(model, new BatchingSettings(16, 16, 1L << 30, 64),
                        StepObserver.NONE)) {
            GenerationEngine engine = new GenerationEngine(model, 64);
            List<Generation> running = new ArrayList<>();
            List<int[]> expected = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int[] prompt = prompts.get(i % prompts.size());
                int max = 3 + i % 7;
                expected.add(engine.generate(GenerationRequest.greedy(prompt, max)).newTokens().get(0));
                running.add(batcher.submit(new DecodeRequest(prompt, max, SamplingSettings.greedy(), Set.of(),
                        Duration.ofMinutes(1), null)));
            }
            for (int i = 0; i < 16; i++) {
                DecodeOutcome out = running.get(i).outcome().get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertArrayEquals(expected.get(i), out.tokens(), "request " + i);
                assertEquals(DecodeOutcome.FinishReason.LENGTH, out.reason());
            }
            assertTrue(batcher.stats().steps() > 0);
            long end = System.nanoTime() + 5_000_000_000L;
            while (batcher.stats().active() > 0 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertEquals(0, batcher.stats().active(), "finished requests leave the batch");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backends")
    void aFailingRequestFailsAloneAndACancelledOneLeaves(String backend, String arch) throws Exception {
        GoldenCase golden = GoldenCase.load(arch);
        int[] prompt = golden.prompt();
        try (InferenceModel model = open(backend, golden);
                ContinuousBatcher batcher = new ContinuousBatcher(model, new BatchingSettings(4, 4, 1L << 30, 64),
                        StepObserver.NONE)) {
            int[] expected = new GenerationEngine(model, 64).generate(GenerationRequest.greedy(prompt, 8)).newTokens().get(0);
            Generation failing = batcher.submit(new DecodeRequest(prompt, 8, SamplingSettings.greedy(), Set.of(),
                    Duration.ofMinutes(1), (row, token) -> {
                        throw new IllegalStateException("listener failed");
                    }));
            Generation cancelled = batcher.submit(new DecodeRequest(prompt, 40, SamplingSettings.greedy(), Set.of(),
                    Duration.ofMinutes(1), null));
            cancelled.cancel();
            Generation good = batcher.submit(new DecodeRequest(prompt, 8, SamplingSettings.greedy(), Set.of(),
                    Duration.ofMinutes(1), null));
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> failing.outcome().get(60, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals("listener failed", e.getCause().getMessage());
            DecodeOutcome gone = cancelled.outcome().get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(DecodeOutcome.FinishReason.CANCELLED, gone.reason());
            assertTrue(gone.tokens().length < 40);
            assertArrayEquals(expected, good.outcome().get(60, java.util.concurrent.TimeUnit.SECONDS).tokens());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backends")
    void requestsPastTheContextOrTheBudgetAreRefused(String backend, String arch) {
        GoldenCase golden = GoldenCase.load(arch);
        try (InferenceModel model = open(backend, golden);
                ContinuousBatcher batcher = new ContinuousBatcher(model, new BatchingSettings(4, 4,
                        ContinuousBatcher.bytesPerPosition(model.config()) * 10, 64), StepObserver.NONE)) {
            InvalidInputException context = assertThrows(InvalidInputException.class, () -> batcher.submit(
                    new DecodeRequest(golden.prompt(), 64, SamplingSettings.greedy(), Set.of(), Duration.ofMinutes(1), null)));
            assertTrue(context.getMessage().contains("exceeds the context length 64"), context.getMessage());
            InvalidInputException budget = assertThrows(InvalidInputException.class, () -> batcher.submit(
                    new DecodeRequest(golden.prompt(), 16, SamplingSettings.greedy(), Set.of(), Duration.ofMinutes(1), null)));
            assertTrue(budget.getMessage().contains("more than the budget"), budget.getMessage());
        }
    }
}
