package org.hrmtext.app.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.formats.json.JsonWriter;

/** Writes the quickstart's task splits as instruction JSONL ({@code instruction}, {@code response}, {@code kind}). */
final class QuickstartData {
    static final int TRAIN = 40_000;
    static final int HELD_OUT = 200;

    private QuickstartData() {
    }

    static void write(Path file, List<ReasoningTasks.Task> tasks) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (ReasoningTasks.Task t : tasks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("instruction", t.instruction());
            m.put("response", t.response());
            m.put("condition", "direct");
            m.put("kind", t.kind());
            sb.append(JsonWriter.compact(m)).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString());
    }
}
