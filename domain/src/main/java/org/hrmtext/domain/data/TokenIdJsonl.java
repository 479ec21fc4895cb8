package org.hrmtext.domain.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.json.Json;
import org.hrmtext.domain.json.JsonFields;

/**
 * Reads training samples already tokenized, one JSON object a line:
 * {@code {"instruction_ids": [...], "response_ids": [...]}}. Blank lines are skipped; any other
 * problem stops the read with the file, the line number and what was expected.
 */
public final class TokenIdJsonl {
    private TokenIdJsonl() {
    }

    public static List<Sample> read(Path file, int vocab) {
        List<Sample> samples = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonFields f = new JsonFields("", Json.parseObject(line));
                    Sample s = new Sample(f.requireIntArray("instruction_ids"), f.requireIntArray("response_ids"));
                    s.checkVocabulary(vocab);
                    samples.add(s);
                } catch (InvalidInputException e) {
                    String msg = e.getMessage().startsWith(": ") ? e.getMessage().substring(2) : e.getMessage();
                    throw new InvalidInputException(file + ": line " + number + ": " + msg, e);
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (samples.isEmpty()) {
            throw new InvalidInputException(file + ": no samples (expected JSON lines with instruction_ids and response_ids)");
        }
        return samples;
    }
}
