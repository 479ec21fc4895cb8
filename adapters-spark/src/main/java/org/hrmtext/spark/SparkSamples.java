package org.hrmtext.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetInputFormat;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.hrmtext.app.data.PrepareRequest;
import org.hrmtext.app.data.PrepareStats;
import org.hrmtext.app.data.SampleMaker;
import org.hrmtext.app.data.SampleSource;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.domain.data.Utf8Lines;
import org.hrmtext.domain.json.JsonWriter;
import org.hrmtext.ports.Tokenizer;
import scala.Tuple2;

/**
 * The samples of one input file made on Spark: a JSONL file split into line-aligned partitions
 * (Hadoop's {@link TextInputFormat}, lines cut at {@code \n} only and decoded by
 * {@link Utf8Lines#line} as locally), or a Parquet file (row groups, each row's
 * {@code instruction}/{@code response}/{@code condition} columns as one JSON object). A first job
 * counts each partition's lines, so that every line has its number in the whole file; a second one
 * tokenizes each partition with its own tokenizer and {@link SampleMaker} and keeps the result on
 * the executors; the driver merges the partitions' statistics in order and, unless the run is
 * going to fail anyway, streams the samples to the dataset writer partition by partition.
 */
final class SparkSamples implements SampleSource {
    private static final String PARQUET = ".parquet";
    private static final String[] COLUMNS = {"instruction", "response", "condition"};
    private final JavaSparkContext sc;
    private final String input;
    private final int partitions;

    SparkSamples(JavaSparkContext sc, String input, int partitions) {
        this.sc = sc;
        this.input = input;
        this.partitions = partitions;
    }

    @Override
    public void make(PrepareRequest request, Tokenizer tokenizer, PrepareStats stats, Consumer<Sample> sink) {
        Configuration conf = new Configuration(sc.hadoopConfiguration());
        long length = checkedLength(conf);
        if (partitions > 0) {
            conf.setLong(FileInputFormat.SPLIT_MAXSIZE, Math.max(1, (length + partitions - 1) / partitions));
        }
        JavaRDD<byte[]> lines = readLines(conf);
        long[] firstLine = firstLineNumbers(lines);
        TokenizerShipment shipment = TokenizerShipment.ship(tokenizer, sc);
        SampleMaker.Rules rules = SampleMaker.Rules.of(request);
        JavaRDD<PreparedPiece> pieces = lines.mapPartitionsWithIndex(
                (p, it) -> tokenize(it, firstLine[p], shipment, rules), true).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            for (PrepareStats part : pieces.filter(PreparedPiece::isStats).map(PreparedPiece::stats).collect()) {
                stats.merge(part);
            }
            if (stats.malformedCount() > 0 && request.onError() == PrepareRequest.OnError.FAIL) {
                return; // the run fails on these statistics; its samples would not be written
            }
            for (Iterator<PreparedPiece> it = pieces.toLocalIterator(); it.hasNext();) {
                PreparedPiece piece = it.next();
                if (!piece.isStats()) {
                    sink.accept(piece.sample());
                }
            }
        } finally {
            pieces.unpersist(false);
        }
    }

    /** The input's size; it must be one file. */
    private long checkedLength(Configuration conf) {
        try {
            Path path = new Path(input);
            FileSystem fs = path.getFileSystem(conf);
            if (!fs.exists(path)) {
                throw new InvalidInputException(input + ": file not found");
            }
            FileStatus status = fs.getFileStatus(path);
            if (!status.isFile()) {
                throw new InvalidInputException(input + ": expected one JSONL or Parquet file, got a directory");
            }
            return status.getLen();
        } catch (IOException e) {
            throw new InvalidInputException(input + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Each line's bytes (JSONL), or each row as a JSON object's UTF-8 bytes (Parquet), in file order. */
    private JavaRDD<byte[]> readLines(Configuration conf) {
        if (input.endsWith(PARQUET)) {
            conf.set(ParquetInputFormat.READ_SUPPORT_CLASS, GroupReadSupport.class.getName());
            JavaPairRDD<Void, Group> rows = sc.newAPIHadoopFile(input, ParquetInputFormat.class, Void.class, Group.class,
                    conf);
            return rows.map(row -> jsonOf(row._2()));
        }
        conf.set("textinputformat.record.delimiter", "\n");
        JavaPairRDD<LongWritable, Text> text = sc.newAPIHadoopFile(input, TextInputFormat.class, LongWritable.class, Text.class,
                conf);
        return text.map(line -> Arrays.copyOf(line._2().getBytes(), line._2().getLength()));
    }

    private static byte[] jsonOf(Group row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String c : COLUMNS) {
            if (row.getType().containsField(c) && row.getFieldRepetitionCount(c) > 0) {
                m.put(c, row.getString(c, 0));
            }
        }
        return JsonWriter.compact(m).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The 1-based number, in the whole file, of each partition's first line. */
    private static long[] firstLineNumbers(JavaRDD<byte[]> lines) {
        List<Tuple2<Integer, Long>> counts = lines.mapPartitionsWithIndex((p, it) -> {
            long n = 0;
            for (; it.hasNext(); it.next()) {
                n++;
            }
            return List.of(new Tuple2<>(p, n)).iterator();
        }, true).collect();
        long[] first = new long[counts.size()];
        long next = 1;
        for (Tuple2<Integer, Long> c : counts) {
            first[c._1()] = next;
            next += c._2();
        }
        if (next - 1 > Integer.MAX_VALUE) {
            throw new InvalidInputException("the input has " + (next - 1) + " lines; at most " + Integer.MAX_VALUE
                    + " are numbered");
        }
        return first;
    }

    private static Iterator<PreparedPiece> tokenize(Iterator<byte[]> lines, long firstLine, TokenizerShipment shipment,
            SampleMaker.Rules rules) {
        List<PreparedPiece> out = new ArrayList<>();
        PrepareStats stats = new PrepareStats();
        try (Tokenizer tokenizer = shipment.open()) {
            SampleMaker maker = new SampleMaker(tokenizer, rules, stats);
            Utf8Lines.Handler handler = (n, text) -> maker.make(n, text).ifPresent(s -> out.add(PreparedPiece.of(s)));
            for (int line = (int) firstLine; lines.hasNext(); line++) {
                Utf8Lines.line(line, lines.next(), handler);
            }
        }
        out.add(new PreparedPiece(null, null, stats));
        return out.iterator();
    }
}
