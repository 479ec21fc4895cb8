package org.hrmtext.app.quickstart;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hrmtext.app.config.TrainingConfig;
import org.hrmtext.app.config.TrainingConfigLoader;
import org.hrmtext.app.data.PrepareRequest;
import org.hrmtext.app.data.PrepareUseCase;
import org.hrmtext.app.eval.EvalJob;
import org.hrmtext.app.eval.EvalMode;
import org.hrmtext.app.eval.EvalReport;
import org.hrmtext.app.eval.EvalUseCase;
import org.hrmtext.app.export.ExportUseCase;
import org.hrmtext.app.io.AtomicDirectory;
import org.hrmtext.app.train.TrainRequest;
import org.hrmtext.app.train.TrainUseCase;
import org.hrmtext.app.train.TrainingSummary;
import org.hrmtext.domain.InvalidInputException;

/**
 * The main job, end to end: generate the reasoning-task splits, prepare them with the byte
 * tokenizer, train HRM-Text (or a baseline) on the CPU, export ONNX, evaluate held-out exact
 * match through ONNX Runtime, and write a training curve and a report beside the model.
 */
public final class QuickstartUseCase {
    /** Marks a directory as a quickstart run, which a later quickstart may replace. */
    static final String MARKER = "REPORT.md";
    private final PrepareUseCase prepare;
    private final TrainUseCase train;
    private final ExportUseCase export;
    private final EvalUseCase eval;

    @Inject
    public QuickstartUseCase(PrepareUseCase prepare, TrainUseCase train, ExportUseCase export, EvalUseCase eval) {
        this.prepare = prepare;
        this.train = train;
        this.export = export;
        this.eval = eval;
    }

    public QuickstartResult run(QuickstartRequest req, java.io.PrintStream log) {
        Path out = req.out();
        claim(out);
        try {
            long start = System.nanoTime();
            ReasoningTasks.Split split = ReasoningTasks.generate(req.seed(), QuickstartData.TRAIN, QuickstartData.HELD_OUT);
            Path data = out.resolve("data");
            QuickstartData.write(data.resolve("train.jsonl"), split.train());
            QuickstartData.write(data.resolve("heldout.jsonl"), split.heldOut());
            Path config = out.resolve("quickstart.yaml");
            try (InputStream in = QuickstartUseCase.class.getResourceAsStream("quickstart.yaml")) {
                Files.copy(in, config);
            }
            TrainingConfig cfg = TrainingConfigLoader.load(config, overrides(req));
            log.printf("[1/4] preparing %,d training and %,d held-out tasks (byte tokenizer)%n", split.train().size(),
                    split.heldOut().size());
            prepare.run(new PrepareRequest(data.resolve("train.jsonl"), "byte", Map.of(), data.resolve("prepared"), 4,
                    req.seed(), cfg.train().seqLen(), PrepareRequest.OnError.FAIL, PrepareRequest.Overlong.DROP));
            log.printf("[2/4] training %s (%s) for up to %d steps%s%n", cfg.model().architecture().configName(),
                    "hidden " + cfg.model().hiddenSize(), cfg.train().steps(),
                    req.minutes() > 0 ? String.format(" or %.1f minutes", req.minutes()) : "");
            Path model = out.resolve("model");
            TrainingSummary trained = train.run(new TrainRequest(cfg, data.resolve("prepared"), model, Optional.empty()));
            log.printf("[3/4] exporting ONNX%n");
            Path onnx = model.resolve("model.onnx");
            export.run(model, onnx, 17, "onnx");
            log.printf("[4/4] held-out exact match through ONNX Runtime%n");
            EvalReport report = eval.run(new EvalJob(onnx, data.resolve("heldout.jsonl"), EvalMode.EXACT, null, "onnx",
                    1, out.resolve("heldout-results.jsonl")));
            QuickstartResult result = new QuickstartResult(out, model, onnx, trained, report, examples(out, split),
                    (System.nanoTime() - start) / 1e9);
            QuickstartReport.write(result, cfg);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> overrides(QuickstartRequest req) {
        List<String> o = new ArrayList<>();
        o.add("model.architecture=" + req.architecture());
        o.add("train.max_minutes=" + req.minutes());
        o.add("backend.threads=" + req.threads());
        o.add("train.seed=" + req.seed());
        if (req.steps() > 0) {
            o.add("train.steps=" + req.steps());
        }
        return o;
    }

    /** A few held-out prompts with the answers ONNX Runtime gave (from the results file). */
    private static List<String[]> examples(Path out, ReasoningTasks.Split split) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("heldout-results.jsonl"));
        List<String[]> ex = new ArrayList<>();
        for (int i = 0; i < Math.min(6, lines.size()); i++) {
            Map<String, Object> r = org.hrmtext.domain.json.Json.parseObject(lines.get(i));
            ReasoningTasks.Task t = split.heldOut().get(i);
            ex.add(new String[] {t.instruction(), String.valueOf(r.get("output")), t.response()});
        }
        return ex;
    }

    private static void claim(Path out) {
        try {
            if (Files.exists(out)) {
                boolean empty;
                try (var s = Files.list(out)) {
                    empty = s.findAny().isEmpty();
                }
                if (!empty && !Files.exists(out.resolve(MARKER))) {
                    throw new InvalidInputException(out + " exists and is not an earlier quickstart run; choose another --out");
                }
                AtomicDirectory.deleteTreeQuietly(out);
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new InvalidInputException(out + ": cannot create: " + e.getMessage(), e);
        }
    }
}
