package org.hrmtext.formats.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.data.SequenceSpan;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.json.JsonFields;

/**
 * Reads a batch file ({@code inputs}, {@code labels}, {@code position_ids}, {@code sequences} with
 * {@code start}/{@code prefix_len}/{@code causal_len}): one packed row, as in the golden folders.
 */
public final class BatchJson {
    private BatchJson() {
    }

    public static PackedBatch read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage());
        } catch (InvalidInputException e) {
            throw InvalidInputException.at(file.toString(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public static PackedBatch parse(String text) {
        Map<String, Object> map = Json.parseObject(text);
        JsonFields f = new JsonFields("batch", map);
        int[] inputs = f.requireIntArray("inputs");
        int[] labels = f.requireIntArray("labels");
        int[] positions = f.requireIntArray("position_ids");
        if (inputs.length != labels.length || inputs.length != positions.length) {
            throw new InvalidInputException("inputs, labels and position_ids differ in length: " + inputs.length
                    + ", " + labels.length + ", " + positions.length);
        }
        Object seqs = map.get("sequences");
        if (!(seqs instanceof List)) {
            throw new InvalidInputException("missing key sequences (expected an array of {start, prefix_len, causal_len})");
        }
        List<SequenceSpan> spans = new ArrayList<>();
        int i = 0;
        for (Object o : (List<Object>) seqs) {
            if (!(o instanceof Map)) {
                throw new InvalidInputException("sequences[" + i + "]: expected an object");
            }
            JsonFields s = new JsonFields("sequences[" + i + "]", (Map<String, Object>) o);
            spans.add(new SequenceSpan(0, s.requireInt("start"), s.requireInt("prefix_len"), s.requireInt("causal_len")));
            i++;
        }
        return new PackedBatch(1, inputs.length, inputs, labels, positions, spans);
    }
}
