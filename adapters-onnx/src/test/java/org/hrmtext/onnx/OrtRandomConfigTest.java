package org.hrmtext.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.RecurrenceConfig;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.WeightInitializer;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.ForwardRequest;
import org.hrmtext.ports.ForwardResult;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.KvCache;
import org.hrmtext.ports.ModelSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A configuration and seed apart from the golden ones (hidden 96, 6 heads, H_cycles 3, L_cycles 2,
 * θ 5000, eps 1e-5, random weights): cached decoding equals recomputation, padded rows of unequal
 * prompts decode as they would alone, and one model serves several threads.
 */
class OrtRandomConfigTest {
    private static final double TOLERANCE = 1e-4;
    private static final int[] PROMPT_A = {5, 17, 99, 3, 42, 64};
    private static final int[] PROMPT_B = {88, 1, 23, 57};
    private static InferenceModel model;

    @BeforeAll
    static void open() {
        ModelConfig config = new ModelConfig(Architecture.HRM, 101, 96, ModelConfig.defaultIntermediate(96), 2, 6, 256,
                1e-5, 5000.0, Math.sqrt(96), 1 / Math.sqrt(96), new RecurrenceConfig(3, 2, 2, 5, 0.2, 2, 3, 4, 2, 4));
        model = new OnnxBackendProvider().openInference(
                ModelSource.of(WeightInitializer.initialize(ParameterLayout.of(config), 7)), BackendOptions.cpu(1));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void cachedDecodingEqualsRecomputation() {
        Decoding.Greedy cached = Decoding.greedy(model, PROMPT_A, 10);
        int tp = PROMPT_A.length;
        int[] sequence = Arrays.copyOf(PROMPT_A, tp + 9);
        System.arraycopy(cached.tokens(), 0, sequence, tp, 9);
        List<float[]> full = Decoding.recompute(model, sequence, tp, tp - 1);
        for (int i = 0; i < full.size(); i++) {
            double err = Decoding.relativeError(cached.logits().get(i), full.get(i));
            assertTrue(err < TOLERANCE, "position " + (tp - 1 + i) + ": relative error " + err);
        }
    }

    @Test
    void paddedRowsDecodeAsTheyWouldAlone() {
        Decoding.Greedy a = Decoding.greedy(model, PROMPT_A, 6);
        Decoding.Greedy b = Decoding.greedy(model, PROMPT_B, 6);
        int t = PROMPT_A.length;
        int pad = t - PROMPT_B.length;
        try (KvCache cache = model.newCache(2)) {
            long[] ids = new long[2 * t];
            long[] pos = new long[2 * t];
            float[] bias = new float[2 * t * t];
            for (int q = 0; q < t; q++) {
                ids[q] = PROMPT_A[q];
                pos[q] = q;
                boolean real = q < PROMPT_B.length;
                ids[t + q] = real ? PROMPT_B[q] : 0;
                pos[t + q] = real ? q : 0;
                for (int k = 0; k < t; k++) {
                    boolean visible = real ? k < PROMPT_B.length : k == q;
                    bias[t * t + q * t + k] = visible ? 0 : Decoding.BLOCKED;
                }
            }
            ForwardResult r = model.forward(cache, new ForwardRequest(2, t, ids, pos, bias,
                    new long[] {t - 1, PROMPT_B.length - 1}));
            for (int s = 0; s < 6; s++) {
                assertClose(a.logits().get(s), row(r.logits(), 0), "row A step " + s);
                assertClose(b.logits().get(s), row(r.logits(), 1), "row B step " + s);
                int keys = cache.length() + 1;
                float[] stepBias = new float[2 * keys];
                for (int k = PROMPT_B.length; k < PROMPT_B.length + pad; k++) {
                    stepBias[keys + k] = Decoding.BLOCKED;
                }
                r = model.forward(cache, new ForwardRequest(2, 1, new long[] {a.tokens()[s], b.tokens()[s]},
                        new long[] {t + s, PROMPT_B.length + s}, stepBias, new long[] {0, 0}));
            }
            assertEquals(t + 6, cache.length());
            // keys and values × 9 calls × 2 layers × 2 rows × 6 heads × positions × head_dim 16 × 4 bytes:
            // the cache holds its length and at most a quarter more room, rounded up to 64 positions
            long perPosition = 2L * 9 * 2 * 2 * 6 * 16 * 4;
            long held = cache.bytes();
            assertTrue(held >= perPosition * (t + 6) && held <= perPosition * ((t + 6) * 5L / 4 + 64),
                    "held " + held + " bytes for " + (t + 6) + " positions of " + perPosition);
        }
    }

    @Test
    void oneModelServesSeveralThreads() throws Exception {
        int[] alone = Decoding.greedy(model, PROMPT_A, 8).tokens();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<int[]>> runs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                runs.add(pool.submit(() -> Decoding.greedy(model, PROMPT_A, 8).tokens()));
            }
            for (Future<int[]> run : runs) {
                assertArrayEquals(alone, run.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    private static float[] row(float[] logits, int r) {
        int vocab = logits.length / 2;
        return Arrays.copyOfRange(logits, r * vocab, (r + 1) * vocab);
    }

    private static void assertClose(float[] want, float[] got, String what) {
        double err = Decoding.relativeError(got, want);
        assertTrue(err < TOLERANCE, what + ": relative error " + err);
    }
}
