package org.hrmtext.app.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.app.config.TrainingConfig;
import org.hrmtext.app.config.TrainingConfigLoader;
import org.hrmtext.app.io.AtomicFiles;

/**
 * Rewrites the bundled config copied into a run directory so that it holds every setting the run
 * used: each {@code section.key=value} override replaces the value on its line (its comment is
 * kept) or is added at the end of its section, and the header says how to rerun it. Loading the
 * file without overrides gives the run's own configuration.
 */
public final class QuickstartConfigFile {
    private QuickstartConfigFile() {
    }

    /**
     * Writes {@code file}, the bundled config with the settings of {@code req}, and returns the
     * configuration the run trains with, which is what loading {@code file} alone gives.
     */
    public static TrainingConfig create(Path file, QuickstartRequest req) throws IOException {
        try (InputStream in = QuickstartConfigFile.class.getResourceAsStream("quickstart.yaml")) {
            Files.copy(in, file);
        }
        List<String> overrides = overrides(req);
        TrainingConfig cfg = TrainingConfigLoader.load(file, overrides);
        write(file, overrides);
        return cfg;
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

    static void write(Path file, List<String> overrides) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            values.put(o.substring(0, eq), o.substring(eq + 1));
        }
        List<String> out = new ArrayList<>();
        out.add("# The training config of this quickstart run, with every setting it used (arch, steps, seed, threads,");
        out.add("# time limit). Rerun the same training into a new directory with");
        out.add("#   bin/hrm train --config RUN/quickstart.yaml --data RUN/data/prepared --out RUN/model-again");
        String section = null;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int i = 0;
        while (i < lines.size() && lines.get(i).startsWith("#")) {
            i++;
        }
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0)) && line.trim().endsWith(":")) {
                addRemaining(out, section, values);
                section = line.trim().substring(0, line.trim().length() - 1);
                out.add(line);
                continue;
            }
            String trimmed = line.trim();
            int colon = trimmed.indexOf(':');
            String key = section + "." + (colon > 0 ? trimmed.substring(0, colon) : "");
            if (section != null && colon > 0 && !trimmed.startsWith("#") && values.containsKey(key)) {
                int comment = line.indexOf(" #");
                String indent = line.substring(0, line.indexOf(trimmed));
                String value = indent + trimmed.substring(0, colon) + ": " + values.remove(key);
                out.add(comment > 0 ? pad(value, comment) + line.substring(comment) : value);
            } else {
                out.add(line);
            }
        }
        addRemaining(out, section, values);
        AtomicFiles.writeString(file, String.join("\n", out) + "\n");
    }

    private static void addRemaining(List<String> out, String section, Map<String, String> values) {
        if (section == null) {
            return;
        }
        String prefix = section + ".";
        for (var it = values.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (e.getKey().startsWith(prefix)) {
                out.add("  " + e.getKey().substring(prefix.length()) + ": " + e.getValue());
                it.remove();
            }
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
