package org.hrmtext.lab.serve;

import jakarta.inject.Inject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.app.io.AtomicFiles;
import org.hrmtext.app.serve.ServerLauncher;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.json.JsonWriter;

/**
 * {@code hrm bench serve}: starts the server on a free loopback port, warms it up, drives each
 * concurrency level in turn with {@link LoadDriver}, and writes {@code bench-serve.json} and
 * {@code bench-serve.png} (throughput and latency against concurrency) into the output folder.
 * Each level also reports the server's mean batch occupancy, forward time and scheduler (Java)
 * time per decode step, from {@code /metrics}. The access log is discarded so it does not time the
 * console.
 */
public final class ServeBenchmark {
    public static final String JSON = "bench-serve.json";
    public static final String PNG = "bench-serve.png";
    private final ServerLauncher launcher;

    @Inject
    public ServeBenchmark(ServerLauncher launcher) {
        this.launcher = launcher;
    }

    /** The report as a JSON-ready map; the files are written as a side effect. */
    public Map<String, Object> run(ServeBenchRequest r) throws InterruptedException {
        if (Files.exists(r.out()) && !Files.isDirectory(r.out())) {
            throw new InvalidInputException("--out " + r.out() + ": exists and is not a directory");
        }
        List<LevelResult> levels = new ArrayList<>();
        List<Map<String, Object>> steps = new ArrayList<>();
        String url;
        try (ServerLauncher.Running server = launcher.launch(r.server(), new PrintStream(OutputStream.nullOutputStream()))) {
            url = server.url();
            LoadDriver driver = new LoadDriver(url, r.maxTokens(), r.promptChars());
            driver.level(1, 2, -2);
            int offset = 0;
            HttpClient client = HttpClient.newHttpClient();
            for (int c : r.concurrency()) {
                StepCounters before = StepCounters.read(client, url);
                levels.add(driver.level(c, r.requests(), offset));
                steps.add(StepCounters.read(client, url).since(before));
                offset += r.requests();
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", r.server().model().map(Path::toString).orElse("preset " + r.server().preset().orElse("?") + " (random weights)"));
        report.put("backend", r.server().backend());
        report.put("threads", r.server().threads());
        report.put("max_batch", r.server().maxBatch());
        report.put("max_tokens", r.maxTokens());
        report.put("prompt_chars", r.promptChars());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            Map<String, Object> row = levels.get(i).toJson();
            row.putAll(steps.get(i));
            rows.add(row);
        }
        report.put("levels", rows);
        LevelResult base = levels.get(0);
        Map<String, Object> speedup = new LinkedHashMap<>();
        for (LevelResult l : levels) {
            speedup.put(Integer.toString(l.concurrency()), l.tokensPerSecond() / base.tokensPerSecond());
        }
        report.put("tokens_per_s_vs_concurrency_" + base.concurrency(), speedup);
        try {
            Files.createDirectories(r.out());
        } catch (java.io.IOException e) {
            throw new InvalidInputException("--out " + r.out() + ": cannot create it: " + e.getMessage(), e);
        }
        AtomicFiles.writeString(r.out().resolve(JSON), JsonWriter.pretty(report));
        ServeBenchPlot.write(r.out().resolve(PNG), "hrm bench serve: " + report.get("model") + ", " + r.server().backend()
                + ", " + r.server().threads() + " thread(s)", levels);
        report.put("json", r.out().resolve(JSON).toString());
        report.put("png", r.out().resolve(PNG).toString());
        return report;
    }
}
