package org.hrmtext.lab.study;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.hrmtext.app.io.AtomicFiles;
import org.hrmtext.formats.json.JsonWriter;

/**
 * Writes one table twice: {@code NAME.jsonl} (one JSON object a line, nesting allowed) and
 * {@code NAME.csv} (a header of fixed columns, one flat row a line; an absent value is an empty
 * cell). Each file is written atomically.
 */
final class TableFiles {
    private TableFiles() {
    }

    static void write(Path dir, String name, List<Map<String, Object>> json, List<String> columns,
            List<Map<String, Object>> flat) {
        AtomicFiles.writeString(dir.resolve(name + ".jsonl"),
                json.stream().map(r -> JsonWriter.compact(r) + "\n").collect(Collectors.joining()));
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, Object> row : flat) {
            csv.append(columns.stream().map(c -> cell(row.get(c))).collect(Collectors.joining(","))).append('\n');
        }
        AtomicFiles.writeString(dir.resolve(name + ".csv"), csv.toString());
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            return String.format(Locale.ROOT, "%.6g", ((Number) v).doubleValue());
        }
        String s = v.toString();
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
