package org.hrmtext.app.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.hrmtext.app.data.PrepareRequest.OnError;
import org.hrmtext.app.data.PrepareRequest.Overlong;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.domain.data.SamplePacker;
import org.hrmtext.formats.json.Json;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareUseCaseTest {
    @TempDir
    Path dir;

    private final PrepareUseCase useCase = new PrepareUseCase(new TokenizerCatalog(Set.of()));

    /** Line 2 not JSON, 3 empty response, 4 not UTF-8, 5 overlong, 6 missing response, 7 blank, 8 good with conditions. */
    private Path messyInput() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("{\"instruction\": \"ab\", \"response\": \"c\"}\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("{\"instruction\": \"ab\", \n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("{\"instruction\": \"ab\", \"response\": \"\"}\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {'{', '"', (byte) 0xC3, '"', '}', '\n'});
        b.writeBytes(("{\"instruction\": \"q\", \"response\": \"" + "x".repeat(40) + "\"}\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes("{\"instruction\": \"q\"}\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("   \n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("{\"instruction\": \"é\", \"response\": \"ok\", \"condition\": \"synth,cot\"}\r\n".getBytes(StandardCharsets.UTF_8));
        return Files.write(dir.resolve("in.jsonl"), b.toByteArray());
    }

    private PrepareRequest request(Path in, Path out, OnError onError, Overlong overlong) {
        return new PrepareRequest(in, "byte", Map.of(), out, 3, 7, 16, onError, overlong);
    }

    @Test
    void failReportsEveryMalformedLineAndWritesNothing() throws IOException {
        Path out = dir.resolve("out");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> useCase.run(request(messyInput(), out, OnError.FAIL, Overlong.DROP)));
        assertTrue(e.getMessage().startsWith(dir.resolve("in.jsonl") + ": 3 malformed lines, nothing written"), e.getMessage());
        for (String part : List.of("line 2: invalid JSON", "line 4: not valid UTF-8", "line 6: JSON object: missing key response",
                "besides, dropped 1 empty_response (line 3); dropped 1 overlong (line 5)")) {
            assertTrue(e.getMessage().contains(part), part + " in " + e.getMessage());
        }
        assertFalse(Files.exists(out));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("in.jsonl")), left.toList());
        }
    }

    @Test
    void skipCountsEveryReasonByLine() throws IOException {
        Path out = dir.resolve("out");
        PrepareStats s = useCase.run(request(messyInput(), out, OnError.SKIP, Overlong.DROP));
        assertEquals(2, s.samples());
        Map<String, Object> stats = Json.parseObject(Files.readString(out.resolve(PreparedDataset.STATS)));
        assertEquals(7L, stats.get("lines"));
        assertEquals(Map.of("count", 3L, "lines", List.of("line 2: invalid JSON at line 1, column 23: expected a string key",
                "line 4: not valid UTF-8", "line 6: JSON object: missing key response (expected a string)")), stats.get("skipped"));
        Map<?, ?> dropped = (Map<?, ?>) stats.get("dropped");
        assertEquals(Map.of("count", 1L, "lines", List.of(3L)), dropped.get("empty_response"));
        assertEquals(Map.of("count", 1L, "lines", List.of(5L)), dropped.get("overlong"));
        assertTrue(s.summary().contains("dropped 1 overlong (line 5)"), s.summary());
        for (String f : List.of("tokens.bin", "samples.bin", "order-0.bin", "order-1.bin", "order-2.bin", "dataset.json",
                "tokenizer_info.json")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
    }

    @Test
    void readsBackTheSamplesInTheHrmTextLayout() throws IOException {
        Path out = dir.resolve("out");
        useCase.run(request(messyInput(), out, OnError.SKIP, Overlong.DROP));
        PreparedDataset ds = PreparedDataset.open(out);
        List<Sample> samples = ds.samples();
        assertEquals(2, samples.size());
        assertArrayEquals(new int[] {256, 'a', 'b', 257}, samples.get(0).instruction());
        assertArrayEquals(new int[] {'c', 258}, samples.get(0).response());
        assertArrayEquals(new int[] {256, 261, 260, 0xC3, 0xA9, 257}, samples.get(1).instruction());
        assertEquals(4 + 2 + 6 + 3, Files.size(out.resolve("tokens.bin")) / 4);
        assertEquals(263, ds.manifest().vocabSize());
    }

    @Test
    void truncateCutsTheResponseToMaxLen() throws IOException {
        Path out = dir.resolve("out");
        PrepareStats s = useCase.run(request(messyInput(), out, OnError.SKIP, Overlong.TRUNCATE));
        assertEquals(3, s.samples());
        Sample cut = PreparedDataset.open(out).samples().get(1);
        assertEquals(16, cut.packedLength());
        assertArrayEquals(new int[] {256, 'q', 257}, cut.instruction());
        assertTrue(s.summary().contains("truncated 1 (line 5)"), s.summary());
    }

    @Test
    void perEpochOrdersAreDeterministicInSeedAndEpoch() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            sb.append("{\"instruction\": \"q").append(i).append("\", \"response\": \"a\"}\n");
        }
        Path in = Files.writeString(dir.resolve("many.jsonl"), sb.toString());
        PreparedDataset a = open(in, "a", 7);
        PreparedDataset b = open(in, "b", 7);
        PreparedDataset c = open(in, "c", 8);
        for (int e = 0; e < 5; e++) {
            assertArrayEquals(a.order(e), b.order(e));
            assertArrayEquals(SamplePacker.epochOrder(30, 7, e), a.order(e), "epoch " + e);
        }
        assertFalse(Arrays.equals(a.order(0), a.order(1)));
        assertFalse(Arrays.equals(a.order(0), c.order(0)));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/tokens.bin")), Files.readAllBytes(dir.resolve("c/tokens.bin")));
    }

    private PreparedDataset open(Path in, String name, long seed) {
        Path out = dir.resolve(name);
        useCase.run(new PrepareRequest(in, "byte", Map.of(), out, 3, seed, 0, OnError.FAIL, Overlong.DROP));
        return PreparedDataset.open(out);
    }

    @Test
    void refusesToReplaceADirectoryThatIsNotADataset() throws IOException {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "keep me");
        assertThrows(InvalidInputException.class, () -> useCase.run(request(messyInput(), out, OnError.SKIP, Overlong.DROP)));
        assertTrue(Files.exists(out.resolve("notes.txt")));
    }

    @Test
    void aTruncatedFileIsNamedOnOpen() throws IOException {
        Path out = dir.resolve("out");
        useCase.run(request(messyInput(), out, OnError.SKIP, Overlong.DROP));
        Files.write(out.resolve("tokens.bin"), new byte[8]);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PreparedDataset.open(out));
        assertTrue(e.getMessage().startsWith(out.resolve("tokens.bin") + ": expected 60 bytes"), e.getMessage());
    }
}
