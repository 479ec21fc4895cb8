package org.hrmtext.lab.study;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hrmtext.app.io.ProgressBar;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.domain.config.ModelPresets;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.formats.data.TokenIdJsonl;
import org.hrmtext.ports.BackendCapability;
import org.hrmtext.ports.BackendProvider;

/**
 * {@code hrm study gradients}: plans the settings, trains each with gradient diagnostics on the
 * same data from the same seed, and writes the tables, plots and {@code REPORT.md} into the output
 * directory.
 *
 * <pre>{@code
 * List<Finding> f = study.run(new StudyRequest(StudyPreset.named("smoke"), 10, archs, depths,
 *         Optional.empty(), Path.of("runs/study"), "djl", 2, 0));
 * }</pre>
 */
public final class GradientStudy {
    public static final String REPORT = "REPORT.md";

    private final BackendRegistry backends;

    @Inject
    public GradientStudy(BackendRegistry backends) {
        this.backends = backends;
    }

    /** Runs the study and returns the path of its report. */
    public Path run(StudyRequest request) {
        BackendProvider provider = backends.select(request.backend(), BackendCapability.TRAIN);
        long start = System.nanoTime();
        StudyPreset preset = request.preset();
        StudyPlan plan = StudyPlan.of(preset.modelPreset(), request.archs(), request.depths());
        int vocab = ModelPresets.named(preset.modelPreset()).vocabSize();
        List<Sample> samples = request.data().map(p -> TokenIdJsonl.read(p, vocab)).orElseGet(() -> BuiltinTask.samples(request.seed()));
        StudyData data = StudyData.of(samples, preset.rows(), preset.seqLen(), request.seed(), request.steps(), preset.evalBatches());
        createDirectories(request.out());
        SettingRun runner = new SettingRun(provider, request, data);
        List<SettingResult> results = new ArrayList<>();
        ProgressBar bar = ProgressBar.onStderr("study", 0, (long) plan.settings().size() * request.steps());
        for (StudySetting setting : plan.settings()) {
            long done = (long) results.size() * request.steps();
            results.add(runner.run(setting, step -> bar.update(done + step, setting.label())));
        }
        List<SettingSummary> summaries = results.stream().map(SettingSummary::of).toList();
        List<Finding> findings = StudyFindings.of(summaries, results.stream().flatMap(r -> r.pairs().stream()).toList());
        StudyTables.write(request.out(), results, summaries);
        StudyPlots.write(request.out(), results, summaries);
        Path report = request.out().resolve(REPORT);
        StudyReport.write(report, request, provider.name(), plan, summaries, findings, (System.nanoTime() - start) / 1e9);
        return report;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
