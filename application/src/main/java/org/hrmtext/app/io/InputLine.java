package org.hrmtext.app.io;

import java.io.Serializable;

/**
 * One record of an input file, before it is parsed: the file as errors name it, the part's name
 * when the input is a directory of part files ({@code ""} for a single file), the record's 1-based
 * line number in its file (its row number for Parquet), and its JSON text, or {@code null} with
 * what is wrong when the line could not be read (not UTF-8).
 */
public record InputLine(String file, String part, int line, String text, String problem) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A record read. */
    public static InputLine of(String file, String part, int line, String text) {
        return new InputLine(file, part, line, text, null);
    }

    /** What identifies the record when it has no id of its own: its line number, or {@code PART:LINE} in a directory. */
    public Serializable defaultId() {
        return part.isEmpty() ? Long.valueOf(line) : part + ":" + line;
    }

    /** {@code FILE: line N} for error messages. */
    public String where() {
        return file + ": line " + line;
    }
}
