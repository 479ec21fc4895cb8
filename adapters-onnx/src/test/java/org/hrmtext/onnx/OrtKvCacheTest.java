package org.hrmtext.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.ExportOptions;
import org.hrmtext.ports.ExportOptions.CacheType;
import org.hrmtext.ports.ExportOptions.Weights;
import org.hrmtext.ports.ForwardRequest;
import org.hrmtext.ports.ForwardResult;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.KvCache;
import org.hrmtext.ports.KvCacheRow;
import org.hrmtext.ports.ModelSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java-held KV cache of the ONNX Runtime backend: the room it reserves (the prefill's own
 * length, then the expected positions at once, then a quarter more at a time), that growing keeps
 * what is cached,
 * and that a float16 cache gathers byte for byte into a batch that decodes each row as its own
 * cache does.
 */
class OrtKvCacheTest {
    @TempDir
    Path dir;

    private final GoldenCase golden = GoldenCase.load("golden/hrm");

    /** Bytes of one position of every cache tensor of one row. */
    private long perPosition(OnnxSignature s, int elementBytes) {
        return 2L * s.calls() * s.layers() * golden.config().numAttentionHeads() * golden.config().headDim() * elementBytes;
    }

    @Test
    void reservesTheExpectedPositionsOnceAndGrowsByAQuarterPastThem() {
        OnnxSignature signature = new OnnxSignature(golden.config());
        long perPosition = perPosition(signature, Float.BYTES);
        int[] prompt = golden.prompt();
        try (InferenceModel model = new OnnxBackendProvider().openInference(ModelSource.of(golden.weights()),
                BackendOptions.cpu(1))) {
            try (KvCache hinted = model.newCache(1, 40)) {
                prefill(model, hinted, prompt);
                assertEquals(prompt.length * perPosition, hinted.bytes(), "the prefill writes buffers of its own length");
                step(model, hinted, prompt.length, 7);
                assertEquals(40 * perPosition, hinted.bytes(), "then the expected positions, reserved at once");
                for (int s = 1; s < 40 - prompt.length; s++) {
                    step(model, hinted, prompt.length + s, 7);
                }
                assertEquals(40, hinted.length());
                assertEquals(40 * perPosition, hinted.bytes(), "decoding into the reserved room does not grow it");
            }
            try (KvCache grown = model.newCache(1)) {
                prefill(model, grown, prompt);
                assertEquals(prompt.length * perPosition, grown.bytes(), "without a hint the prefill's positions exactly");
                float[] cached = step(model, grown, prompt.length, 7).logits();
                assertEquals(64 * perPosition, grown.bytes(), "then a quarter more, rounded up to 64 positions");
                int[] sequence = Arrays.copyOf(prompt, prompt.length + 1);
                sequence[prompt.length] = 7;
                float[] full = Decoding.recompute(model, sequence, prompt.length, prompt.length).get(0);
                double err = Decoding.relativeError(cached, full);
                assertTrue(err < 1e-4, "a step after growing equals recomputation: relative error " + err);
            }
        }
    }

    @Test
    void aFloat16CacheGathersIntoABatchThatDecodesEachRowAsAlone() {
        Path file = dir.resolve("f16.onnx");
        new OnnxExporter().export(golden.weights(), file, new ExportOptions(17, Weights.F32, 32, false, CacheType.F16),
                Map.of());
        int[] a = golden.prompt();
        int[] b = {a[1], a[0], a[2]};
        try (InferenceModel model = new OnnxBackendProvider().openInference(ModelSource.ofFile(file), BackendOptions.cpu(1));
                KvCache ownA = model.newCache(1);
                KvCache ownB = model.newCache(1)) {
            prefill(model, ownA, a);
            prefill(model, ownB, b);
            int longest = Math.max(a.length, b.length);
            try (KvCache batch = model.gather(List.of(new KvCacheRow(ownA, 0, positions(a.length)),
                    new KvCacheRow(ownB, 0, positions(b.length))), longest)) {
                assertEquals(longest * 2 * perPosition(new OnnxSignature(golden.config(), OnnxSignature.FLOAT16), 2),
                        batch.bytes());
                float[] bias = new float[2 * (longest + 1)];
                for (int k = b.length; k < longest; k++) {
                    bias[longest + 1 + k] = Decoding.BLOCKED; // row b's padding keys
                }
                ForwardResult both = model.forward(batch, new ForwardRequest(2, 1, new long[] {7, 9},
                        new long[] {a.length, b.length}, bias, new long[] {0, 0}));
                float[] aloneA = step(model, ownA, a.length, 7).logits();
                float[] aloneB = step(model, ownB, b.length, 9).logits();
                int vocab = golden.config().vocabSize();
                double errA = Decoding.relativeError(Arrays.copyOfRange(both.logits(), 0, vocab), aloneA);
                double errB = Decoding.relativeError(Arrays.copyOfRange(both.logits(), vocab, 2 * vocab), aloneB);
                assertTrue(errA < 1e-5 && errB < 1e-5, "gathered rows: relative errors " + errA + ", " + errB);
            }
        }
    }

    private static void prefill(InferenceModel model, KvCache cache, int[] prompt) {
        int t = prompt.length;
        model.forward(cache, new ForwardRequest(1, t, Decoding.longs(prompt), Decoding.range(0, t),
                new float[t * t], new long[] {t - 1}));
    }

    private static int[] positions(int n) {
        return IntStream.range(0, n).toArray();
    }

    private static ForwardResult step(InferenceModel model, KvCache cache, int position, long token) {
        return model.forward(cache, new ForwardRequest(1, 1, new long[] {token}, new long[] {position},
                new float[position + 1], new long[] {0}));
    }
}
