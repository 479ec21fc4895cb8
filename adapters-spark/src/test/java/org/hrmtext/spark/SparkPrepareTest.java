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
import org.hrmtext.cli.Hrm;
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
        String summary = Hrm.run(local.toArray()).succeeded().out();
        Path expected = Files.move(out, dir.resolve("expected"));
        for (int partitions : new int[] {1, 3, 8}) {
            List<Object> args = new ArrayList<>(local);
            args.addAll(List.of("--engine", "spark", "--partitions", partitions));
            assertEquals(summary, Hrm.run(args.toArray()).succeeded().out(), "the same summary line");
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
        String error = Hrm.run("prepare", "--input", input(150), "--out", out, "--engine", "spark", "--partitions", "4")
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
        Hrm.run("prepare", "--input", Files.writeString(dir.resolve("rows.jsonl"), jsonl), "--out", fromJsonl).succeeded();
        Hrm.run("prepare", "--input", parquet, "--out", fromParquet, "--engine", "spark").succeeded();
        for (String f : new String[] {"tokens.bin", "samples.bin", "order-0.bin", "dataset.json"}) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(fromJsonl.resolve(f)), Files.readAllBytes(fromParquet.resolve(f))),
                    f);
        }
        String stats = Files.readString(fromParquet.resolve("stats.json"));
        assertTrue(stats.contains("\"lines\": [11, 22, 33, 44, 55]"), "empty responses by row number: " + stats);
        Path local = dir.resolve("from-parquet-here");
        Hrm.run("prepare", "--input", parquet, "--out", local).succeeded();
        Cli.assertSameTree(local, fromParquet, "the Parquet file prepared here and on Spark");

        Path parts = dir.resolve("row-parts");
        spark.createDataFrame(rows, schema).repartition(1).write().parquet(parts.toString());
        try (Stream<Path> s = Files.list(parts)) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().equals("_SUCCESS")), "Spark's own output directory");
        }
        assertSameOnSpark(parts, "--epochs", "1");
    }

    /** The lines of {@link #input} cut into three JSONL part files of a directory, with a {@code _SUCCESS} marker beside them. */
    private Path partsOf(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Path parts = Files.createDirectories(dir.resolve("parts"));
        int[] cuts = {0, 70, 160, lines.size()};
        for (int i = 0; i < 3; i++) {
            Files.writeString(parts.resolve("part-0000" + i + ".jsonl"), String.join("\n", lines.subList(cuts[i], cuts[i + 1])) + "\n",
                    StandardCharsets.UTF_8);
        }
        Files.writeString(parts.resolve("_SUCCESS"), "");
        return parts;
    }

    @Test
    void aDirectoryOfPartFilesPreparesAsLocallyWithBadLinesNamedByFileAndLine() throws IOException {
        Path parts = partsOf(input(100));
        assertSameOnSpark(parts, "--on-error", "skip", "--epochs", "1");
        Path out = dir.resolve("out");
        String error = Hrm.run("prepare", "--input", parts, "--out", out, "--engine", "spark", "--partitions", "5").error();
        assertTrue(error.contains("1 malformed line") && error.contains(parts.resolve("part-00001.jsonl") + ": line 30: "), error);
        assertFalse(Files.exists(out), "no dataset");
        Hrm.run("prepare", "--input", parts, "--out", out, "--on-error", "skip").succeeded();
        assertTrue(Files.readString(out.resolve("stats.json")).contains("part-00001.jsonl: line 30: "), "skipped line by file and line");
    }

    private Path flakyTokenizer(String mode) throws IOException {
        return Files.writeString(dir.resolve(mode + FlakyTokenizerProvider.EXTENSION), mode);
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheDatasetIsTheSame() throws Exception {
        Path input = input(0);
        Path tokenizer = flakyTokenizer("once");
        Path out = dir.resolve("out");
        Hrm.run("prepare", "--input", input, "--out", out, "--tokenizer", tokenizer, "--format", "v1").succeeded();
        Path expected = Files.move(out, dir.resolve("expected"));
        java.util.concurrent.atomic.AtomicInteger failedTasks = new java.util.concurrent.atomic.AtomicInteger();
        org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
                if (end.taskInfo().failed()) {
                    failedTasks.incrementAndGet();
                }
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try {
            Hrm.run("prepare", "--input", input, "--out", out, "--tokenizer", tokenizer, "--format", "v1", "--engine", "spark",
                    "--partitions", "4").succeeded();
        } finally {
            spark.sparkContext().listenerBus().waitUntilEmpty();
            spark.sparkContext().removeSparkListener(listener);
        }
        assertEquals(1, failedTasks.get(), "one task failed once and was retried");
        Cli.assertSameTree(expected, out, "after the retried task");
    }

    @Test
    void aJobThatFailsLeavesTheEarlierDatasetAsItWas() throws IOException {
        Path input = input(0);
        Path out = dir.resolve("out");
        Hrm.run("prepare", "--input", input, "--out", out).succeeded();
        Path before = dir.resolve("before");
        Hrm.run("prepare", "--input", input, "--out", before).succeeded();
        Hrm.Result failed = Hrm.run("prepare", "--input", input, "--out", out, "--tokenizer", flakyTokenizer("always"),
                "--engine", "spark", "--partitions", "4");
        assertTrue(failed.exitCode() != 0, "the job fails: " + failed.err());
        assertTrue(failed.err().contains("injected failure of partition 1"), failed.err());
        Cli.assertSameTree(before, out, "the earlier dataset");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("always.flaky", "before", "out", "pairs.jsonl"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "no partial output beside it");
        }
    }

    /**
     * The reference trainer's own loader ({@code dataset_new.py} of sapientinc/HRM-Text, run unmodified
     * by {@code reference/run_dataset_new.py}) reads the V1 dataset Spark wrote, and its batches give
     * back every input pair. Runs when {@code HRM_REFERENCE_REPO} names a checkout of the reference and
     * python3 has numpy and pydantic; skipped otherwise.
     */
    @Test
    void theReferenceTrainersLoaderReadsTheSparkV1Dataset() throws Exception {
        String repo = System.getenv("HRM_REFERENCE_REPO");
        org.junit.jupiter.api.Assumptions.assumeTrue(repo != null && Files.isRegularFile(Path.of(repo, "dataset_new.py")),
                "HRM_REFERENCE_REPO (a checkout of sapientinc/HRM-Text) not set");
        org.junit.jupiter.api.Assumptions.assumeTrue(python("-c", "import numpy, pydantic").exitValue() == 0,
                "python3 with numpy and pydantic not installed");
        StringBuilder sb = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            String instruction = WORDS[i % WORDS.length] + " " + i;
            String response = i % 9 == 0 ? "" : (WORDS[(i * 3) % WORDS.length] + " ").repeat(1 + i % 5).strip();
            sb.append("{\"instruction\": \"").append(instruction).append("\", \"response\": \"").append(response).append("\"}\n");
            if (!response.isEmpty()) {
                expected.add(instruction + "\u0000" + response);
            }
        }
        Path v1 = dir.resolve("v1");
        Hrm.run("prepare", "--input", Files.writeString(dir.resolve("ref.jsonl"), sb), "--out", v1, "--format", "v1",
                "--epochs", "2", "--context-size", "128", "--engine", "spark", "--partitions", "3").succeeded();
        Path script = dir.resolve("run_dataset_new.py");
        try (java.io.InputStream in = getClass().getResourceAsStream("/reference/run_dataset_new.py")) {
            Files.copy(in, script);
        }
        Ran ran = python(script.toString(), repo, v1.toString(), "2");
        assertEquals(0, ran.exitValue(), ran.output());
        java.util.Map<String, Object> read = org.hrmtext.formats.json.Json.parseObject(ran.output().lines().reduce((a, b) -> b)
                .orElseThrow());
        assertEquals(512L, read.get("vocab_size"), "263 rounded up to a multiple of 256, as the reference does");
        assertEquals(127L, read.get("max_seq_len"), "context size - 1 for the autoregressive shift");
        try (org.hrmtext.ports.Tokenizer bytes = new org.hrmtext.inference.tokenizer.ByteLevelTokenizer(
                org.hrmtext.domain.text.SpecialTokens.byteLevel())) {
            for (Object epoch : (List<?>) read.get("epochs")) {
                List<String> decoded = new ArrayList<>();
                for (Object sample : (List<?>) epoch) {
                    int[] inst = ints(((java.util.Map<?, ?>) sample).get("inst"));
                    int[] resp = ints(((java.util.Map<?, ?>) sample).get("resp"));
                    assertEquals(bytes.layout().eoq(), inst[inst.length - 1]);
                    assertEquals(bytes.layout().eoa(), resp[resp.length - 1]);
                    decoded.add(bytes.decode(java.util.Arrays.copyOfRange(inst, 2, inst.length - 1)) + "\u0000"
                            + bytes.decode(java.util.Arrays.copyOf(resp, resp.length - 1)));
                }
                assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(decoded), "every pair in the trainer's batches");
                assertEquals(expected.size(), decoded.size());
            }
        }
    }

    private static int[] ints(Object list) {
        return ((List<?>) list).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }

    private record Ran(int exitValue, String output) {
    }

    /** python3 ARGS: its exit status and output (-1 when there is no python3). */
    private static Ran python(String... args) throws InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Ran(p.waitFor(), out);
        } catch (IOException e) {
            return new Ran(-1, e.getMessage());
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
