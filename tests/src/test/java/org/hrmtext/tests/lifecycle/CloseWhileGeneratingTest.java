package org.hrmtext.tests.lifecycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.inference.GenerationRequest;
import org.hrmtext.inference.HrmTextModel;
import org.hrmtext.inference.ModelClosedException;
import org.hrmtext.inference.SamplingSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link HrmTextModel#close()} while {@value #THREADS} threads generate, {@value #ROUNDS} rounds
 * per backend (each close a random moment after the first generation completed; {@value #SLOW_ROUNDS} in the slow tier): the JVM
 * must survive (freeing the ONNX Runtime session or DJL's NDManager under a running generation
 * crashed it), every generation either completes with the tokens of a sequential run or throws
 * {@link ModelClosedException}, and nothing else is thrown; after close, new work is refused.
 */
class CloseWhileGeneratingTest {
    static final int THREADS = 8;
    static final int ROUNDS = 5;
    static final int SLOW_ROUNDS = 100;
    private static final GoldenCase GOLDEN = GoldenCase.load("golden/hrm");
    private static final int NEW_TOKENS = 6;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"onnx", "djl"})
    void closeWhileGeneratingNeverCrashesAndCancelsCleanly(String backend) throws InterruptedException {
        stress(backend, ROUNDS);
    }

    @Tag("slow")
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"onnx", "djl"})
    void manyRoundsOfCloseWhileGenerating(String backend) throws InterruptedException {
        stress(backend, SLOW_ROUNDS);
    }

    private static HrmTextModel load(String backend) {
        return HrmTextModel.load(GOLDEN.dir(), new HrmTextModel.Options(backend, "cpu", 1, 64));
    }

    private static void stress(String backend, int rounds) throws InterruptedException {
        int[] expected;
        try (HrmTextModel model = load(backend)) {
            assertEquals(backend, model.backend());
            expected = model.generate(GOLDEN.prompt(), NEW_TOKENS);
        }
        SplittableRandom rng = new SplittableRandom(15);
        int completed = 0;
        int cancelled = 0;
        for (int round = 0; round < rounds; round++) {
            HrmTextModel model = load(backend);
            ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            AtomicInteger done = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch started = new CountDownLatch(THREADS);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread thread = new Thread(() -> {
                    started.countDown();
                    while (true) {
                        try {
                            int[] tokens = model.generate(GOLDEN.prompt(), NEW_TOKENS);
                            assertArrayEquals(expected, tokens, "a generation that completed");
                            done.incrementAndGet();
                        } catch (ModelClosedException e) {
                            refused.incrementAndGet();
                            return;
                        } catch (Throwable e) {
                            unexpected.add(e);
                            return;
                        }
                    }
                });
                threads.add(thread);
                thread.start();
            }
            started.await();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (done.get() == 0 && unexpected.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread.sleep(rng.nextInt(30));
            model.close();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
                assertTrue(!thread.isAlive(), "a generating thread did not stop after close()");
            }
            assertTrue(unexpected.isEmpty(), backend + " round " + round + ": " + unexpected);
            assertEquals(THREADS, refused.get(), "every thread ends refused by the closed model");
            assertThrows(ModelClosedException.class, () -> model.generate(GOLDEN.prompt(), 2));
            model.close();
            completed += done.get();
            cancelled += refused.get();
        }
        assertTrue(completed > 0 && cancelled == rounds * THREADS, "completed " + completed + ", cancelled " + cancelled);
    }

    /** Closing from inside the model's own generation (a token listener) is refused, not a deadlock. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"onnx", "djl"})
    void closeFromInsideAGenerationIsRefused(String backend) {
        try (HrmTextModel model = load(backend)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> model.generate(new GenerationRequest(List.of(GOLDEN.prompt()), 3,
                            SamplingSettings.greedy(), 0, null, null, (row, token) -> model.close())));
            assertTrue(e.getMessage().startsWith("close() called from inside a generation"), e.getMessage());
            assertEquals(3, model.generate(GOLDEN.prompt(), 3).length, "the model still works");
        }
    }
}
