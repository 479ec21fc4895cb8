package org.hrmtext.formats.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.GoldenBatch;
import org.hrmtext.domain.data.PackedBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** batch.json: the golden layout reads back; inconsistent batches fail naming the file and field. */
class BatchJsonTest {
    @TempDir
    Path dir;

    private static String array(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }

    private static String golden(String sequences, int[] labels) {
        return "{\"inputs\":" + array(GoldenBatch.INPUTS) + ",\"labels\":" + array(labels) + ",\"position_ids\":"
                + array(GoldenBatch.POSITIONS) + ",\"sequences\":" + sequences + "}";
    }

    private static final String SEQUENCES = "[{\"start\":0,\"prefix_len\":7,\"causal_len\":4},"
            + "{\"start\":11,\"prefix_len\":4,\"causal_len\":8}]";

    private InvalidInputException fails(String text) throws IOException {
        Path file = Files.writeString(dir.resolve("batch.json"), text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BatchJson.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e;
    }

    @Test
    void goldenBatchReadsAsOnePackedRow() throws IOException {
        Path file = Files.writeString(dir.resolve("batch.json"), golden(SEQUENCES, GoldenBatch.LABELS));
        PackedBatch b = BatchJson.read(file);
        assertEquals(1, b.rows());
        assertEquals(32, b.seqLen());
        assertArrayEquals(GoldenBatch.LABELS, b.labels());
        assertEquals(GoldenBatch.batch().spans(), b.spans());
        assertEquals(5 + 9, b.labelledTokens(), "one label per response token");
    }

    @Test
    void arraysOfDifferentLengthsAreRejected() throws IOException {
        InvalidInputException e = fails(golden(SEQUENCES, Arrays.copyOf(GoldenBatch.LABELS, 31)));
        assertTrue(e.getMessage().contains("differ in length: 32, 31, 32"), e.getMessage());
    }

    @Test
    void overlappingSequencesAreRejected() throws IOException {
        String overlap = SEQUENCES.replace("\"start\":11", "\"start\":9");
        InvalidInputException e = fails(golden(overlap, GoldenBatch.LABELS));
        assertTrue(e.getMessage().contains("sequences overlap"), e.getMessage());
    }

    @Test
    void sequenceFieldsAreNamed() throws IOException {
        InvalidInputException e = fails(golden(SEQUENCES.replace("\"prefix_len\":4", "\"prefix\":4"), GoldenBatch.LABELS));
        assertTrue(e.getMessage().contains("sequences[1]: missing key prefix_len"), e.getMessage());
    }
}
