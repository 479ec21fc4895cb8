package org.hrmtext.lab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hrmtext.app.export.RandomModels;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.model.ParameterSpec;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.inference.HrmTextModel;
import org.hrmtext.inference.text.TextModel;
import org.hrmtext.inference.text.TextRequest;
import org.hrmtext.inference.text.TextResult;

/**
 * {@code hrm bench load}: how a downloaded release checkpoint loads and runs. A child process
 * writes random weights of a preset in the release layout ({@link ReleaseCheckpointWriter}) into a
 * temporary folder; then for each backend a fresh child process loads it through
 * {@link TextModel#load} (the folder for DJL; for ONNX Runtime the file another child exported
 * from the folder with {@code hrm export-onnx}) and answers one prompt greedily. Each child reports
 * its own load seconds, peak resident memory, first-token latency and decode rate, so the memory
 * of one configuration is never mixed with another's or with the writer's.
 */
public final class LoadBenchmark {
    private static final long SEED = 0;
    private static final String ONNX = "onnx";

    private LoadBenchmark() {
    }

    /** Runs every backend of {@code req}, handing each report to {@code out} as it is measured. */
    public static List<LoadBenchReport> run(LoadBenchRequest req, Consumer<LoadBenchReport> out) {
        ModelConfig config = RandomModels.config(req.preset());
        for (String backend : req.backends()) {
            if (!backend.equals("djl") && !backend.equals(ONNX)) {
                throw new InvalidInputException("--backends: unknown backend \"" + backend + "\"; expected djl or onnx");
            }
        }
        Path dir = BenchFolder.create("hrm-bench-load-", "bench load");
        List<LoadBenchReport> reports = new ArrayList<>();
        try {
            Path release = dir.resolve("release");
            ChildJvm.run("bench load: writing the release-layout checkpoint", List.of("bench", "load", "--preset",
                    req.preset(), "--write-release", release.toString()));
            long checkpointBytes = BenchFolder.bytes(release);
            for (String backend : req.backends()) {
                Path model = release;
                double exportSeconds = 0;
                long exportedBytes = 0;
                if (backend.equals(ONNX)) {
                    Path onnxDir = dir.resolve("onnx");
                    model = onnxDir.resolve("model.onnx");
                    long start = System.nanoTime();
                    ChildJvm.run("bench load: exporting the folder to ONNX", List.of("export-onnx", "--model",
                            release.toString(), "--out", model.toString()));
                    exportSeconds = (System.nanoTime() - start) / 1e9;
                    exportedBytes = BenchFolder.bytes(onnxDir);
                }
                String json = ChildJvm.run("bench load: loading on " + backend, List.of("bench", "load", "--preset",
                        req.preset(), "--measure", model.toString(), "--backends", backend, "--threads",
                        Integer.toString(req.threads()), "--new-tokens", Integer.toString(req.newTokens()), "--prompt",
                        req.prompt())).strip();
                Map<String, Object> m = Json.parseObject(json.substring(json.lastIndexOf('\n') + 1));
                LoadBenchReport report = new LoadBenchReport(req.preset(), backend, req.threads(),
                        ParameterLayout.of(config).trainableCount(), fp32Bytes(config), checkpointBytes,
                        number(m, "load_s"), (long) number(m, "rss_after_load_bytes"),
                        (long) number(m, "peak_rss_while_loading_bytes"), (long) number(m, "peak_rss_bytes"),
                        number(m, "first_token_ms"), number(m, "decode_tokens_per_s"), (int) number(m, "prompt_tokens"),
                        (int) number(m, "new_tokens"), exportSeconds, exportedBytes);
                reports.add(report);
                out.accept(report);
            }
        } finally {
            BenchFolder.delete(dir, "bench load");
        }
        return reports;
    }

    /** The child that writes the checkpoint. */
    public static void writeRelease(String preset, Path dir) {
        try {
            ReleaseCheckpointWriter.write(RandomModels.config(preset), SEED, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("bench load: cannot write " + dir, e);
        }
    }

    /**
     * The child that loads {@code model} on {@code backend} as a downloaded model is loaded and
     * answers the prompt; its figures as one JSON line.
     */
    public static String measure(Path model, String backend, int threads, int newTokens, String prompt) {
        long start = System.nanoTime();
        try (TextModel text = TextModel.load(model, new HrmTextModel.Options(backend, "cpu", threads, 0))) {
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            ProcessMemory afterLoad = ProcessMemory.now();
            TextResult r = text.generate(TextRequest.builder(prompt).maxNewTokens(newTokens).build());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("load_s", loadSeconds);
            m.put("rss_after_load_bytes", afterLoad.rssBytes());
            m.put("peak_rss_while_loading_bytes", afterLoad.peakRssBytes());
            m.put("peak_rss_bytes", ProcessMemory.now().peakRssBytes());
            m.put("first_token_ms", r.prefillMillis());
            m.put("decode_tokens_per_s", r.decodeTokensPerSecond());
            m.put("prompt_tokens", r.promptTokens());
            m.put("new_tokens", r.generatedTokens());
            return JsonWriter.compact(m);
        }
    }

    /** Bytes of the model's weights in float32. */
    static long fp32Bytes(ModelConfig config) {
        return ParameterLayout.of(config).all().stream().mapToLong(ParameterSpec::numel).sum() * Float.BYTES;
    }

    private static double number(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof Number)) {
            throw new IllegalStateException("bench load: the child's report has no number " + key + ": " + m);
        }
        return ((Number) m.get(key)).doubleValue();
    }
}
