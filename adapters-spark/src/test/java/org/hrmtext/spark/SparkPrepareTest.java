package org.hrmtext.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hrm prepare --engine spark} on a real {@code local[2]} session: the dataset is the same
 * byte for byte as a local {@code hrm prepare} of the same input, whatever the number of
 * partitions, in both formats and with a shipped Hugging Face tokenizer file; a malformed line
 * fails the job with its line number and leaves nothing behind; Parquet rows prepare as the
 * equivalent JSON lines do.
 */
class SparkPrepareTest {
    private static final String[] WORDS = {"alpha", "beta", "gamma", "delta", "héllo", "wörld", "日本", "x"};
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = Cli.startSpark();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /**
     * 240 lines with what the local reader handles: a byte-order mark, CRLF endings, blank lines,
     * conditions, empty responses, over-long samples, and (when {@code badLine} > 0) one that is not JSON.
     */
    private Path input(int badLine) throws IOException {
        StringBuilder sb = new StringBuilder("\uFEFF");
        for (int line = 1; line <= 240; line++) {
            if (line == badLine) {
                sb.append("{\"instruction\": \"broken\n");
                continue;
            }
            if (line % 17 == 0) {
                sb.append('\n');
                continue;
            }
            String a = WORDS[line % WORDS.length];
            String b = WORDS[(line * 3) % WORDS.length];
            String response = line % 23 == 0 ? "" : (b + " ").repeat(1 + line % 40).strip();
            String condition = line % 5 == 0 ? "" : ", \"condition\": \"" + (line % 2 == 0 ? "direct" : "synth,cot") + "\"";
            sb.append("{\"instruction\": \"").append(a).append(' ').append(line).append("\", \"response\": \"").append(response)
                    .append('"').append(condition).append('}').append(line % 3 == 0 ? "\r\n" : "\n");
        }
        return Files.writeString(dir.resolve("pairs.jsonl"), sb.toString(), StandardCharsets.UTF_8);
    }

    private Path hfTokenizer() throws IOException {
        List<String> vocab = new ArrayList<>(List.of("\"[UNK]\": 0"));
        for (int i = 0; i < WORDS.length; i++) {
            vocab.add("\"" + WORDS[i] + "\": " + (i + 1));
        }
        List<String> added = new ArrayList<>();
        int id = WORDS.length + 1;
        for (String name : org.hrmtext.domain.text.SpecialTokens.reference().byKey().values()) {
            added.add("{\"id\": " + id++ + ", \"content\": \"" + name + "\", \"single_word\": false, \"lstrip\": false, "
                    + "\"rstrip\": false, \"normalized\": false, \"special\": true}");
        }
        String json = "{\"version\": \"1.0\", \"truncation\": null, \"padding\": null, \"added_tokens\": ["
                + String.join(", ", added) + "], \"normalizer\": null, \"pre_tokenizer\": {\"type\": \"Whitespace\"}, "
                + "\"post_processor\": null, \"decoder\": null, \"model\": {\"type\": \"WordLevel\", \"vocab\": {"
                + String.join(", ", vocab) + "}, \"unk_token\": \"[UNK]\"}}";
        return Files.writeString(Files.createDirectories(dir.resolve("hf")).resolve("tokenizer.json"), json);
    }

    /** Prepares locally, then on Spark with each partition count into the same path, comparing every file. */
    private void assertSameOnSpark(Path input, String... options) throws IOException {
        Path out = dir.resolve("out");
        List<Object> local = new ArrayList<>(List.of("prepare", "--input", input, "--out", out));
        local.addAll(List.of((Object[]) options));
        String summary = Cli.hrm(local.toArray()).succeeded().out();
        Path expected = Files.move(out, dir.resolve("expected"));
        for (int partitions : new int[] {1, 3, 8}) {
            List<Object> args = new ArrayList<>(local);
            args.addAll(List.of("--engine", "spark", "--partitions", partitions));
            assertEquals(summary, Cli.hrm(args.toArray()).succeeded().out(), "the same summary line");
            Cli.assertSameTree(expected, out, partitions + " partitions");
            deleteTree(out);
        }
        deleteTree(expected);
    }

    @Test
    void sparkPrepareIsByteIdenticalToLocalPrepareWhateverThePartitions() throws IOException {
        Path input = input(150);
        assertSameOnSpark(input, "--on-error", "skip", "--max-len", "40", "--overlong", "truncate", "--epochs", "2");
        assertSameOnSpark(input, "--on-error", "skip", "--format", "v1", "--epochs", "3", "--seed", "5");
    }

    @Test
    void theShippedHuggingFaceTokenizerGivesTheSameDataset() throws IOException {
        assertSameOnSpark(input(0), "--tokenizer", hfTokenizer().toString(), "--max-len", "30", "--format", "v1", "--epochs", "1");
    }

    @Test
    void aMalformedLineFailsTheJobWithItsLineNumberAndLeavesNoOutput() throws IOException {
        Path out = dir.resolve("out");
        String error = Cli.hrm("prepare", "--input", input(150), "--out", out, "--engine", "spark", "--partitions", "4")
                .error();
        assertTrue(error.contains("1 malformed line") && error.contains("line 150: "), error);
        assertFalse(Files.exists(out), "no dataset");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("pairs.jsonl"), left.map(p -> p.getFileName().toString()).toList(), "no partial output");
        }
    }

    @Test
    void parquetRowsPrepareAsTheEquivalentJsonLines() throws IOException {
        StructType schema = new StructType().add("instruction", DataTypes.StringType).add("response", DataTypes.StringType)
                .add("condition", DataTypes.StringType, true);
        List<Row> rows = new ArrayList<>();
        StringBuilder jsonl = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            String instruction = WORDS[i % WORDS.length] + " " + i;
            String response = i % 11 == 0 ? "" : WORDS[(i * 5) % WORDS.length];
            String condition = i % 4 == 0 ? null : "cot";
            rows.add(RowFactory.create(instruction, response, condition));
            jsonl.append("{\"instruction\": \"").append(instruction).append("\", \"response\": \"").append(response).append('"')
                    .append(condition == null ? "" : ", \"condition\": \"" + condition + "\"").append("}\n");
        }
        Dataset<Row> df = spark.createDataFrame(rows, schema).coalesce(1);
        Path parquetDir = dir.resolve("rows");
        df.write().parquet(parquetDir.toString());
        Path parquet;
        try (Stream<Path> parts = Files.list(parquetDir)) {
            parquet = parts.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Path fromJsonl = dir.resolve("from-jsonl");
        Path fromParquet = dir.resolve("from-parquet");
        Cli.hrm("prepare", "--input", Files.writeString(dir.resolve("rows.jsonl"), jsonl), "--out", fromJsonl).succeeded();
        Cli.hrm("prepare", "--input", parquet, "--out", fromParquet, "--engine", "spark").succeeded();
        for (String f : new String[] {"tokens.bin", "samples.bin", "order-0.bin", "dataset.json"}) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(fromJsonl.resolve(f)), Files.readAllBytes(fromParquet.resolve(f))),
                    f);
        }
        String stats = Files.readString(fromParquet.resolve("stats.json"));
        assertTrue(stats.contains("\"lines\": [11, 22, 33, 44, 55]"), "empty responses by row number: " + stats);
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
