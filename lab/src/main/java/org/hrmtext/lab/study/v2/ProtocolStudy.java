package org.hrmtext.lab.study.v2;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hrmtext.app.io.AtomicFiles;
import org.hrmtext.app.io.ProgressBar;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.ports.BackendCapability;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.BackendProvider;

/**
 * {@code hrm study gradients --protocol v2}: runs every seed × reference run of a
 * {@link ProtocolPreset}, seed-major (so a cut-off run has every architecture of the first seeds),
 * appending raw records to {@code DIR/raw.jsonl}, then writes {@code DIR/REPORT.md} from them.
 *
 * <pre>{@code
 * Path report = study.run(ProtocolPreset.named("smoke"), Path.of("runs/v2"), "djl", BackendOptions.cpu(2));
 * }</pre>
 */
public final class ProtocolStudy {
    public static final String META = "meta.json";

    private final BackendRegistry backends;

    @Inject
    public ProtocolStudy(BackendRegistry backends) {
        this.backends = backends;
    }

    /** Runs the protocol and returns the path of the report. */
    public Path run(ProtocolPreset preset, Path out, String backendName, BackendOptions options) {
        BackendProvider provider = backends.select(backendName, BackendCapability.TRAIN);
        long start = System.nanoTime();
        try (RawLog log = RawLog.create(out)) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("preset", preset.name());
            meta.put("model_preset", preset.modelPreset());
            meta.put("steps", preset.steps());
            meta.put("every", preset.every());
            meta.put("rows", preset.rows());
            meta.put("seq_len", preset.seqLen());
            meta.put("learning_rate", preset.learningRate());
            meta.put("seeds", preset.seeds());
            meta.put("runs", preset.runs());
            meta.put("backend", provider.name());
            meta.put("device", options.device());
            meta.put("threads", options.threads());
            AtomicFiles.writeString(out.resolve(META), JsonWriter.pretty(meta) + "\n");
            ProtocolRun runner = new ProtocolRun(provider, options, preset, log);
            long total = (long) preset.seeds().size() * preset.runs().size() * preset.steps();
            ProgressBar bar = ProgressBar.onStderr("study v2", 0, total);
            long done = 0;
            for (long seed : preset.seeds()) {
                for (String name : preset.runs()) {
                    ProtocolRunSpec spec = ProtocolRunSpec.of(name, preset.modelPreset(), preset.steps());
                    long base = done;
                    runner.run(spec, seed, s -> bar.update(base + s, name + " seed " + seed));
                    done += preset.steps();
                }
            }
        }
        return ProtocolReport.write(out, (System.nanoTime() - start) / 1e9);
    }
}
