package org.hrmtext.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.RecurrenceConfig;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.data.PrefixLmMask;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.ForwardRequest;
import org.hrmtext.ports.ForwardResult;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.KvCache;
import org.hrmtext.ports.ModelSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX Runtime against the float32 oracle, for every architecture and one other configuration
 * (hidden 96, 6 heads, H_cycles 3, L_cycles 2, θ 500): greedy tokens, logits of the packed golden
 * batch, and KV-cached decoding against full recomputation; {@code first_logits} against a model
 * cut after its first high-level call.
 */
class OrtGoldenTest {
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"golden/hrm", "golden/ut", "golden/rins", "golden/trm", "golden/transformer",
        "reference/hrm-h3l2"})
    void greedyTokensEqualTheOracle(String folder) {
        GoldenCase golden = GoldenCase.load(folder);
        try (InferenceModel model = open(golden)) {
            int[] tokens = Decoding.greedy(model, golden.prompt(), golden.greedyTokens().length).tokens();
            assertArrayEquals(golden.greedyTokens(), tokens, folder);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"golden/hrm", "golden/ut", "golden/rins", "golden/trm", "golden/transformer",
        "reference/hrm-h3l2"})
    void cachedDecodingEqualsRecomputation(String folder) {
        GoldenCase golden = GoldenCase.load(folder);
        try (InferenceModel model = open(golden)) {
            Decoding.Greedy cached = Decoding.greedy(model, golden.prompt(), 12);
            int tp = golden.prompt().length;
            int[] sequence = Arrays.copyOf(golden.prompt(), tp + 11);
            System.arraycopy(cached.tokens(), 0, sequence, tp, 11);
            List<float[]> full = Decoding.recompute(model, sequence, tp, tp - 1);
            for (int i = 0; i < full.size(); i++) {
                double err = Decoding.relativeError(cached.logits().get(i), full.get(i));
                assertTrue(err < TOLERANCE, folder + " position " + (tp - 1 + i) + ": relative error " + err);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"golden/hrm", "golden/ut", "golden/rins", "golden/trm", "golden/transformer",
        "reference/hrm-h3l2"})
    void batchLogitsMatchTheOracle(String folder) {
        GoldenCase golden = GoldenCase.load(folder);
        PackedBatch batch = golden.batch();
        int t = batch.seqLen();
        int rows = golden.scoredPositions();
        int vocab = golden.config().vocabSize();
        float[] mask = PrefixLmMask.additiveBias(batch);
        long[] ids = new long[rows * t];
        long[] pos = new long[rows * t];
        float[] bias = new float[rows * t * t];
        for (int r = 0; r < rows; r++) {
            for (int q = 0; q < t; q++) {
                ids[r * t + q] = batch.inputs()[q];
                pos[r * t + q] = batch.positions()[q];
            }
            System.arraycopy(mask, 0, bias, r * t * t, t * t);
        }
        try (InferenceModel model = open(golden); KvCache cache = model.newCache(rows)) {
            float[] logits = model.forward(cache, new ForwardRequest(rows, t, ids, pos, bias, Decoding.range(0, rows)))
                    .logits();
            for (int r = 0; r < rows; r++) {
                float[] got = Arrays.copyOfRange(logits, r * vocab, (r + 1) * vocab);
                float[] want = Arrays.copyOfRange(golden.expectedLogits().data(), r * vocab, (r + 1) * vocab);
                double err = Decoding.relativeError(got, want);
                assertTrue(err < TOLERANCE, folder + " position " + r + ": relative error " + err);
            }
        }
    }

    @Test
    void firstLogitsAreTheLogitsOfTheFirstHighLevelState() {
        GoldenCase golden = GoldenCase.load("golden/hrm");
        RecurrenceConfig r = golden.config().recurrence();
        ModelConfig oneCycle = golden.config().withRecurrence(new RecurrenceConfig(1, r.lCycles(), r.bpMinSteps(),
                r.bpMaxSteps(), r.bpWarmupRatio(), r.hBpSteps(), r.lBpSteps(), r.cycles(), r.bpCycles(), r.lBpCycles()));
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        golden.weights().all().forEach(t -> tensors.put(t.name(), t));
        ModelWeights truncated = ModelWeights.of(ParameterLayout.of(oneCycle), tensors, "golden/hrm");
        ForwardResult full = prefill(open(golden), golden.prompt());
        ForwardResult first = prefill(new OnnxBackendProvider().openInference(ModelSource.of(truncated),
                BackendOptions.cpu(1)), golden.prompt());
        assertTrue(Decoding.relativeError(full.firstLogits(), first.logits()) < TOLERANCE);
        assertTrue(Decoding.relativeError(full.logits(), first.logits()) > 1e-2, "the final state differs from the first");
    }

    private static ForwardResult prefill(InferenceModel model, int[] prompt) {
        int tp = prompt.length;
        try (model; KvCache cache = model.newCache(1)) {
            return model.forward(cache, new ForwardRequest(1, tp, Decoding.longs(prompt), Decoding.range(0, tp),
                    new float[tp * tp], new long[] {tp - 1}));
        }
    }

    private static InferenceModel open(GoldenCase golden) {
        return new OnnxBackendProvider().openInference(ModelSource.of(golden.weights()), BackendOptions.cpu(1));
    }
}
