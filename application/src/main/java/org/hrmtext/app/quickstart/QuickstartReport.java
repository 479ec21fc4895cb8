package org.hrmtext.app.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hrmtext.app.config.TrainingConfig;
import org.hrmtext.app.train.TrainUseCase;
import org.hrmtext.formats.json.Json;

/** Writes the training curve (PNG) and {@code REPORT.md} beside the model. */
final class QuickstartReport {
    private QuickstartReport() {
    }

    static void write(QuickstartResult r, TrainingConfig cfg, String runId) throws IOException {
        List<TrainingCurvePlot.Point> points = new ArrayList<>();
        for (String line : Files.readAllLines(r.model().resolve(TrainUseCase.METRICS))) {
            Map<String, Object> m = Json.parseObject(line);
            points.add(new TrainingCurvePlot.Point(((Number) m.get("step")).doubleValue(),
                    ((Number) m.get("loss")).doubleValue(), ((Number) m.get("sequence_exact_accuracy")).doubleValue()));
        }
        Path png = r.out().resolve("training_curve.png");
        TrainingCurvePlot.write(png, "HRM-Text quickstart: " + cfg.model().architecture().configName()
                + ", task-completion loss and exact match", points, r.heldOut().score());
        StringBuilder md = new StringBuilder();
        md.append("# HRM-Text quickstart\n\n");
        md.append("- run `").append(runId).append("`; settings: `quickstart.yaml`\n");
        md.append(String.format(Locale.ROOT, "- architecture: `%s`, hidden %d, %d layers per stack, vocabulary %d (byte-level)%n",
                cfg.model().architecture().configName(), cfg.model().hiddenSize(), cfg.model().numHiddenLayers(),
                cfg.model().vocabSize()));
        md.append(String.format(Locale.ROOT, "- trained %d of %d steps (%d rows x %d tokens) in %.0f s, final loss %.4f; whole run %.0f s%n",
                r.training().step(), cfg.train().steps(), cfg.train().rows(), cfg.train().seqLen(), r.trainingSeconds(),
                r.training().loss(), r.seconds()));
        md.append(String.format(Locale.ROOT, "- held-out exact match (ONNX Runtime, greedy): **%.1f %%** of %d tasks%n",
                100 * r.heldOut().score(), r.heldOut().items()));
        r.heldOut().byKind().forEach((k, v) -> md.append(String.format(Locale.ROOT, "  - %s: %.1f %%%n", k, 100 * v)));
        md.append("\n![training curve](training_curve.png)\n\n## Examples (held out)\n\n| prompt | model | reference |\n|---|---|---|\n");
        for (String[] e : r.examples()) {
            md.append("| `").append(e[0]).append("` | `").append(e[1]).append("` | `").append(e[2]).append("` |\n");
        }
        md.append("\n## Files\n\n- model directory: `model/` (config.json, model.safetensors, model_ema.safetensors, "
                + "tokenizer files, metrics.jsonl, checkpoint/)\n- ONNX: `model/model.onnx`\n- data: `data/` "
                + "(train.jsonl, heldout.jsonl, prepared/)\n- per-item results: `heldout-results.jsonl`\n");
        Files.writeString(r.out().resolve(QuickstartUseCase.REPORT), md.toString());
    }
}
