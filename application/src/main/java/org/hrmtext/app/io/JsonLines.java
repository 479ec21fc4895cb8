package org.hrmtext.app.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.json.Json;

/**
 * Records read whole from their input lines ({@link InputFiles} here, or a data engine's): each
 * line a JSON object turned into a record by its place and fields; a bad line is an error naming
 * its file and line; an input without records is an error saying what it should hold.
 */
public final class JsonLines {
    private JsonLines() {
    }

    /** Turns one line's object into a record; a problem is an {@link InvalidInputException}. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(InputLine at, Map<String, Object> fields);
    }

    /** The records of a local file or directory of part files. */
    public static <T> List<T> read(Path file, String what, Parser<T> parser) {
        return parse(file.toString(), InputFiles.read(file), what, parser);
    }

    /** The records of the lines of {@code input}. */
    public static <T> List<T> parse(String input, List<InputLine> lines, String what, Parser<T> parser) {
        List<T> out = new ArrayList<>();
        for (InputLine line : lines) {
            try {
                if (line.text() == null) {
                    throw new InvalidInputException(line.problem());
                }
                out.add(parser.parse(line, Json.parseObject(line.text())));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(line.where() + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(input + ": no " + what);
        }
        return out;
    }
}
