package org.hrmtext.formats.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.json.JsonFields;

/**
 * Reads training samples already tokenized, one JSON object a line:
 * {@code {"instruction_ids": [...], "response_ids": [...]}}, strict UTF-8 read as {@code hrm prepare}
 * reads text ({@link Utf8Lines}: a byte-order mark and CRLF accepted). Blank lines are skipped; any
 * other problem (bytes that are not UTF-8 included) stops the read with the file, the line number
 * and what was expected.
 */
public final class TokenIdJsonl {
    private TokenIdJsonl() {
    }

    public static List<Sample> read(Path file, int vocab) {
        List<Sample> samples = new ArrayList<>();
        Utf8Lines.read(file, (number, text) -> {
            if (text.isLeft()) {
                throw new InvalidInputException(file + ": line " + number + ": " + text.getLeft()
                        + " (expected UTF-8 JSON lines with instruction_ids and response_ids)");
            }
            try {
                JsonFields f = new JsonFields("", Json.parseObject(text.get()));
                Sample s = new Sample(f.requireIntArray("instruction_ids"), f.requireIntArray("response_ids"));
                s.checkVocabulary(vocab);
                samples.add(s);
            } catch (InvalidInputException e) {
                String msg = e.getMessage().startsWith(": ") ? e.getMessage().substring(2) : e.getMessage();
                throw new InvalidInputException(file + ": line " + number + ": " + msg, e);
            }
        });
        if (samples.isEmpty()) {
            throw new InvalidInputException(file + ": no samples (expected JSON lines with instruction_ids and response_ids)");
        }
        return samples;
    }
}
