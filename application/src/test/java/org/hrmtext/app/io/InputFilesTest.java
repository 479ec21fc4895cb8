package org.hrmtext.app.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hrmtext.app.batch.BatchPrompt;
import org.hrmtext.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record inputs read here: a directory's part files in name order without markers and checksums,
 * ids by line or {@code PART:LINE}, a bad line named by its file and line, and the results format
 * chosen by option or ending (Parquet refused with what to install when no implementation is on the
 * class path, as in this module's tests).
 */
class InputFilesTest {
    @TempDir
    Path dir;

    private Path parts() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("part-00001.jsonl"), "{\"prompt\": \"c\"}\n\n{\"id\": \"x\", \"prompt\": \"d\"}\n");
        Files.writeString(in.resolve("part-00000.jsonl"), "\uFEFF{\"prompt\": \"a\"}\r\n{\"id\": 9, \"prompt\": \"b\"}\n");
        Files.writeString(in.resolve("_SUCCESS"), "");
        Files.writeString(in.resolve(".part-00000.jsonl.crc"), "not a part");
        return in;
    }

    @Test
    void aDirectoryReadsItsPartsInNameOrderWithIdsByPartAndLine() throws IOException {
        Path in = parts();
        List<BatchPrompt> prompts = BatchPrompt.read(in.toString(), InputFiles.read(in));
        assertEquals(List.of("a", "b", "c", "d"), prompts.stream().map(BatchPrompt::prompt).toList());
        assertEquals(List.of("part-00000.jsonl:1", 9L, "part-00001.jsonl:1", "x"), prompts.stream().map(BatchPrompt::id).toList());
        Path single = in.resolve("part-00001.jsonl");
        assertEquals(List.of(1L, "x"), BatchPrompt.read(single.toString(), InputFiles.read(single)).stream().map(BatchPrompt::id)
                .toList(), "a single file: ids by line number");
    }

    @Test
    void aBadLineIsNamedByItsFileAndLine() throws IOException {
        Path in = parts();
        Files.write(in.resolve("part-00002.jsonl"), new byte[] {'{', '"', 'p', (byte) 0xC3, '\n'});
        Files.writeString(in.resolve("part-00003.jsonl"), "{\"prompt\": \"e\"}\n{\"prompt\": 3}\n", StandardCharsets.UTF_8);
        InvalidInputException bytes = assertThrows(InvalidInputException.class,
                () -> BatchPrompt.read(in.toString(), InputFiles.read(in)));
        assertTrue(bytes.getMessage().startsWith(in.resolve("part-00002.jsonl") + ": line 1: not valid UTF-8"), bytes.getMessage());
        Files.delete(in.resolve("part-00002.jsonl"));
        InvalidInputException field = assertThrows(InvalidInputException.class,
                () -> BatchPrompt.read(in.toString(), InputFiles.read(in)));
        assertTrue(field.getMessage().startsWith(in.resolve("part-00003.jsonl") + ": line 2: "), field.getMessage());
    }

    @Test
    void anEmptyDirectoryOrAMissingInputIsRefused() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("_SUCCESS"), "");
        assertTrue(assertThrows(InvalidInputException.class, () -> InputFiles.read(empty)).getMessage()
                .contains("a directory without part files"));
        assertTrue(assertThrows(InvalidInputException.class, () -> InputFiles.read(dir.resolve("nope.jsonl"))).getMessage()
                .endsWith("file not found"));
    }

    @Test
    void theResultsFormatIsTheOptionElseTheEndingAndParquetNeedsItsModule() throws IOException {
        assertEquals(ResultFormat.PARQUET, ResultFormat.of(null, Path.of("r.parquet")));
        assertEquals(ResultFormat.JSONL, ResultFormat.of(null, Path.of("r.jsonl")));
        assertEquals(ResultFormat.JSONL, ResultFormat.of("jsonl", Path.of("r.parquet")));
        assertEquals(ResultFormat.PARQUET, ResultFormat.of("Parquet", null));
        assertTrue(assertThrows(InvalidInputException.class, () -> ResultFormat.of("csv", null)).getMessage()
                .contains("expected jsonl or parquet"));
        Path out = dir.resolve("r.jsonl");
        ResultFormat.JSONL.write(out, List.of(Map.of("id", 1L), Map.of("id", "b")));
        assertEquals("{\"id\":1}\n{\"id\":\"b\"}\n", Files.readString(out));
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> ResultFormat.PARQUET.write(dir.resolve("r.parquet"), List.of(Map.of("id", 1L))));
        assertTrue(missing.getMessage().contains("needs the hrm-adapters-spark module"), missing.getMessage());
    }
}
