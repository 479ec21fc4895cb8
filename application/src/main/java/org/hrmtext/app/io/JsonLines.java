package org.hrmtext.app.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.json.Json;

/**
 * A JSONL file of records read whole: each non-blank line a JSON object turned into a record by
 * its 1-based line number and fields; a bad line is an error naming the file and line; a file
 * without records is an error saying what it should hold.
 */
public final class JsonLines {
    private JsonLines() {
    }

    /** Turns one line's object into a record; a problem is an {@link InvalidInputException}. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(int line, Map<String, Object> fields);
    }

    public static <T> List<T> read(Path file, String what, Parser<T> parser) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read as UTF-8 text: " + e.getMessage(), e);
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                try {
                    out.add(parser.parse(i + 1, Json.parseObject(lines.get(i))));
                } catch (InvalidInputException e) {
                    throw new InvalidInputException(file + ": line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(file + ": no " + what);
        }
        return out;
    }
}
