package org.hrmtext.app.quickstart;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hrmtext.app.config.TrainingConfig;
import org.hrmtext.app.data.PrepareRequest;
import org.hrmtext.app.data.PrepareUseCase;
import org.hrmtext.app.eval.EvalJob;
import org.hrmtext.app.io.ResultFormat;
import org.hrmtext.app.batch.EvalMode;
import org.hrmtext.app.eval.EvalReport;
import org.hrmtext.app.eval.EvalUseCase;
import org.hrmtext.app.export.ExportUseCase;
import org.hrmtext.app.io.RunDirectory;
import org.hrmtext.app.train.TrainRequest;
import org.hrmtext.app.train.TrainUseCase;
import org.hrmtext.app.train.TrainingSummary;

/**
 * The main job, end to end: generate the reasoning-task splits, prepare them with the byte
 * tokenizer, train HRM-Text (or a baseline) on the CPU, export ONNX, evaluate held-out exact
 * match through ONNX Runtime, and write a training curve and a report beside the model. The run
 * directory is locked while it is written; an earlier quickstart run in it (recognised by its
 * {@link QuickstartMarker}) is replaced, removing only what a quickstart writes; any other
 * non-empty directory is refused.
 */
public final class QuickstartUseCase {
    /** The report, written last. */
    static final String REPORT = "REPORT.md";
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
        try (RunDirectory claimed = RunDirectory.claim(out, "--out")) {
            QuickstartMarker.clear(claimed);
            String runId = QuickstartMarker.write(out);
            long start = System.nanoTime();
            ReasoningTasks.Split split = ReasoningTasks.generate(req.seed(), QuickstartData.TRAIN, QuickstartData.HELD_OUT);
            Path data = out.resolve("data");
            QuickstartData.write(data.resolve("train.jsonl"), split.train());
            QuickstartData.write(data.resolve("heldout.jsonl"), split.heldOut());
            TrainingConfig cfg = QuickstartConfigFile.create(out.resolve(QuickstartMarker.CONFIG), req);
            log.printf("[1/4] preparing %,d training and %,d held-out tasks (byte tokenizer)%n", split.train().size(),
                    split.heldOut().size());
            prepare.run(new PrepareRequest(data.resolve("train.jsonl"), "byte", Map.of(), data.resolve("prepared"), 4,
                    req.seed(), cfg.train().seqLen(), PrepareRequest.OnError.FAIL, PrepareRequest.Overlong.DROP));
            log.printf("[2/4] training %s (%s) for up to %d steps%s%n", cfg.model().architecture().configName(),
                    "hidden " + cfg.model().hiddenSize(), cfg.train().steps(),
                    req.minutes() > 0 ? String.format(" or %.1f minutes", req.minutes()) : "");
            Path model = out.resolve("model");
            long trainStart = System.nanoTime();
            TrainingSummary trained = train.run(new TrainRequest(cfg, data.resolve("prepared"), model, Optional.empty()));
            double trainingSeconds = (System.nanoTime() - trainStart) / 1e9;
            log.printf("[3/4] exporting ONNX%n");
            Path onnx = model.resolve("model.onnx");
            export.run(model, onnx, 17, "onnx");
            log.printf("[4/4] held-out exact match through ONNX Runtime%n");
            EvalReport report = eval.run(new EvalJob(onnx, data.resolve("heldout.jsonl").toString(), EvalMode.EXACT, null,
                    "onnx", 1, out.resolve("heldout-results.jsonl"), ResultFormat.JSONL));
            QuickstartResult result = new QuickstartResult(out, model, onnx, trained, cfg.train().steps(), report, examples(out, split),
                    trainingSeconds, (System.nanoTime() - start) / 1e9);
            QuickstartReport.write(result, cfg, runId);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A few held-out prompts with the answers ONNX Runtime gave (from the results file). */
    private static List<String[]> examples(Path out, ReasoningTasks.Split split) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("heldout-results.jsonl"));
        List<String[]> ex = new ArrayList<>();
        for (int i = 0; i < Math.min(6, lines.size()); i++) {
            Map<String, Object> r = org.hrmtext.formats.json.Json.parseObject(lines.get(i));
            ReasoningTasks.Task t = split.heldOut().get(i);
            ex.add(new String[] {t.instruction(), String.valueOf(r.get("output")), t.response()});
        }
        return ex;
    }
}
