package org.hrmtext.lab.bench;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hrmtext.app.batch.EvalItem;
import org.hrmtext.app.eval.EvalJob;
import org.hrmtext.app.io.ResultFormat;
import org.hrmtext.app.batch.EvalMode;
import org.hrmtext.app.eval.EvalReport;
import org.hrmtext.app.eval.EvalUseCase;
import org.hrmtext.app.export.ExportUseCase;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.text.TokenLayout;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.ExportOptions;
import org.hrmtext.ports.ForwardRequest;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.KvCache;
import org.hrmtext.ports.ModelSource;
import org.hrmtext.ports.Tokenizer;

/**
 * What quantization costs a trained model: the model directory exported as float32 and in each
 * asked-for weight format (ONNX), then for each format the held-out exact match (the eval use
 * case, greedy) and the mean KL divergence {@code KL(p_f32 ‖ p_q)} of the next-token distribution
 * over every reference response position (teacher-forced: the instruction prefilled as the
 * prefix, then the reference response one token per step, {@code <eoa>} included).
 */
public final class QuantizationQuality {
    private static final String BACKEND = "onnx";
    private final ExportUseCase export;
    private final EvalUseCase eval;
    private final BackendRegistry registry;
    private final TokenizerCatalog tokenizers;

    /** One weight format measured against float32. */
    public record Report(ExportOptions format, int items, double exactMatch, double f32ExactMatch, int positions,
            double meanKl) {
        /** Exact match minus float32's, in percentage points. */
        public double deltaPoints() {
            return 100 * (exactMatch - f32ExactMatch);
        }

        public java.util.Map<String, Object> toJson() {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("weights", format.weights().label());
            m.put("block_size", format.weights().quantized() ? format.blockSize() : 0);
            m.put("lm_head", format.quantizeLmHead() ? format.weights().label() : "f32");
            m.put("items", items);
            m.put("exact_match", exactMatch);
            m.put("f32_exact_match", f32ExactMatch);
            m.put("delta_points", deltaPoints());
            m.put("kl_positions", positions);
            m.put("mean_kl", meanKl);
            return m;
        }
    }

    @Inject
    public QuantizationQuality(ExportUseCase export, EvalUseCase eval, BackendRegistry registry,
            TokenizerCatalog tokenizers) {
        this.export = export;
        this.eval = eval;
        this.registry = registry;
        this.tokenizers = tokenizers;
    }

    public List<Report> run(Path modelDir, Path data, List<ExportOptions.Weights> formats, int blockSize,
            boolean quantizeLmHead, int threads, Consumer<Report> out) {
        List<EvalItem> items = EvalItem.read(data, EvalMode.EXACT);
        Tokenizer tok = tokenizers.openSaved(modelDir).orElseThrow(() -> new InvalidInputException(modelDir
                + ": the quality benchmark needs the model's tokenizer files"));
        Path dir = BenchFolder.create("hrm-quality-", "bench quantization");
        try (tok) {
            ExportOptions f32 = ExportOptions.f32(17);
            Path reference = exported(modelDir, dir, f32);
            double f32Exact = exactMatch(reference, data, threads, dir);
            List<Report> reports = new ArrayList<>();
            Report base = new Report(f32, items.size(), f32Exact, f32Exact, 0, 0);
            reports.add(base);
            out.accept(base);
            for (ExportOptions.Weights w : formats) {
                if (!w.quantized()) {
                    continue;
                }
                ExportOptions format = new ExportOptions(17, w, blockSize, quantizeLmHead, ExportOptions.CacheType.F32);
                Path file = exported(modelDir, dir, format);
                double[] kl = meanKl(reference, file, items, tok, threads);
                Report r = new Report(format, items.size(), exactMatch(file, data, threads, dir), f32Exact, (int) kl[1],
                        kl[0]);
                reports.add(r);
                out.accept(r);
            }
            return reports;
        } finally {
            BenchFolder.delete(dir, "bench quantization");
        }
    }

    private Path exported(Path modelDir, Path dir, ExportOptions format) {
        Path file = dir.resolve(format.weights().label()).resolve("model.onnx");
        export.run(modelDir, file, format, BACKEND);
        return file;
    }

    private double exactMatch(Path file, Path data, int threads, Path dir) {
        EvalReport r = eval.run(new EvalJob(file, data.toString(), EvalMode.EXACT, null, BACKEND, threads,
                file.resolveSibling("results.jsonl"), ResultFormat.JSONL));
        return r.score();
    }

    /** {@code {sum of KL / positions, positions}} over the reference responses of {@code items}. */
    private double[] meanKl(Path reference, Path quantized, List<EvalItem> items, Tokenizer tok, int threads) {
        BackendOptions options = BackendOptions.cpu(threads);
        try (InferenceModel p = registry.select(BACKEND).openInference(ModelSource.ofFile(reference), options);
                InferenceModel q = registry.select(BACKEND).openInference(ModelSource.ofFile(quantized), options)) {
            double sum = 0;
            long positions = 0;
            TokenLayout layout = tok.layout();
            for (EvalItem item : items) {
                int[] prompt = layout.instruction(item.conditions(), tok.encode(item.instruction()));
                int[] response = layout.response(tok.encode(item.response()));
                List<float[]> a = teacherForced(p, prompt, response);
                List<float[]> b = teacherForced(q, prompt, response);
                for (int i = 0; i < a.size(); i++) {
                    sum += kl(a.get(i), b.get(i));
                }
                positions += a.size();
            }
            return new double[] {sum / Math.max(1, positions), positions};
        }
    }

    /** Next-token logits at the last prompt position and after each response token but the last. */
    private static List<float[]> teacherForced(InferenceModel model, int[] prompt, int[] response) {
        List<float[]> out = new ArrayList<>();
        int tp = prompt.length;
        try (KvCache cache = model.newCache(1)) {
            long[] ids = new long[tp];
            long[] pos = new long[tp];
            for (int i = 0; i < tp; i++) {
                ids[i] = prompt[i];
                pos[i] = i;
            }
            out.add(model.forward(cache, new ForwardRequest(1, tp, ids, pos, new float[tp * tp], new long[] {tp - 1}))
                    .logits());
            for (int s = 0; s + 1 < response.length; s++) {
                out.add(model.forward(cache, new ForwardRequest(1, 1, new long[] {response[s]}, new long[] {tp + s},
                        new float[cache.length() + 1], new long[] {0})).logits());
            }
        }
        return out;
    }

    /** {@code KL(softmax(a) ‖ softmax(b))} in nats, accumulated in double. */
    static double kl(float[] a, float[] b) {
        double ma = Double.NEGATIVE_INFINITY;
        double mb = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < a.length; i++) {
            ma = Math.max(ma, a[i]);
            mb = Math.max(mb, b[i]);
        }
        double za = 0;
        double zb = 0;
        for (int i = 0; i < a.length; i++) {
            za += Math.exp(a[i] - ma);
            zb += Math.exp(b[i] - mb);
        }
        double lza = Math.log(za) + ma;
        double lzb = Math.log(zb) + mb;
        double kl = 0;
        for (int i = 0; i < a.length; i++) {
            double la = a[i] - lza;
            kl += Math.exp(la) * (la - (b[i] - lzb));
        }
        return Math.max(0, kl);
    }
}
