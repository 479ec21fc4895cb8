package org.hrmtext.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetInputFormat;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.hrmtext.app.data.PrepareRequest;
import org.hrmtext.app.data.PrepareStats;
import org.hrmtext.app.data.SampleMaker;
import org.hrmtext.app.data.SampleSource;
import org.hrmtext.app.io.InputFiles;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.formats.data.Utf8Lines;
import org.hrmtext.ports.Tokenizer;
import scala.Tuple3;

/**
 * The samples of one input made on Spark: a JSONL file or a directory of JSONL part files, split
 * into line-aligned partitions (Hadoop's {@link TextInputFormat}, lines cut at {@code \n} only and
 * decoded by {@link Utf8Lines#line} as locally), or Parquet (row groups, each row as the JSON
 * object of its columns, {@link ParquetRows}); the parts of a directory in the order of their names
 * ({@link HadoopInputs}). A first job counts each partition's lines, so that every line has its
 * number in its file; a second one tokenizes each partition with its own tokenizer and
 * {@link SampleMaker} (malformed lines named by file and line as locally) and keeps the result on
 * the executors; the driver merges the partitions' statistics in order and, unless the run is
 * going to fail anyway, streams the samples to the dataset writer partition by partition.
 */
final class SparkSamples implements SampleSource {
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
        Job job = job();
        List<HadoopInputs.Part> parts = HadoopInputs.parts(input, job.getConfiguration());
        boolean parquet = InputFiles.isParquet(parts.get(0).name().isEmpty() ? input : parts.get(0).name());
        long length = 0;
        Path[] paths = new Path[parts.size()];
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            HadoopInputs.Part part = parts.get(i);
            if (InputFiles.isParquet(part.name().isEmpty() ? input : part.name()) != parquet) {
                throw new InvalidInputException(input + ": mixes JSONL and Parquet part files (" + part.name()
                        + "); prepare reads one kind");
            }
            paths[i] = new Path(part.path());
            length += fileLength(paths[i], job.getConfiguration());
            labels.put(paths[i].toUri().getPath(), part.name().isEmpty() ? "" : part.label());
        }
        if (partitions > 0) {
            job.getConfiguration().setLong(FileInputFormat.SPLIT_MAXSIZE, Math.max(1, (length + partitions - 1) / partitions));
        }
        try {
            FileInputFormat.setInputPaths(job, paths);
        } catch (IOException e) {
            throw new InvalidInputException(input + ": cannot read: " + e.getMessage(), e);
        }
        JavaRDD<FileLine> lines = readLines(sc, job.getConfiguration(), parquet, labels);
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

    private Job job() {
        try {
            return Job.getInstance(new Configuration(sc.hadoopConfiguration()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long fileLength(Path path, Configuration conf) {
        try {
            return path.getFileSystem(conf).getFileStatus(path).getLen();
        } catch (IOException e) {
            throw new InvalidInputException(input + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** One line's bytes (JSONL) or one row as a JSON object's UTF-8 bytes (Parquet), with the label of its file in messages. */
    record FileLine(String file, byte[] bytes) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Each line of the input paths, in file order, then line order. */
    @SuppressWarnings("unchecked")
    private static JavaRDD<FileLine> readLines(JavaSparkContext sc, Configuration conf, boolean parquet,
            Map<String, String> labels) {
        if (parquet) {
            conf.set(ParquetInputFormat.READ_SUPPORT_CLASS, GroupReadSupport.class.getName());
            JavaNewHadoopRDD<Void, Group> rows = (JavaNewHadoopRDD<Void, Group>) sc.newAPIHadoopRDD(conf,
                    ParquetInputFormat.class, Void.class, Group.class);
            return rows.mapPartitionsWithInputSplit((split, it) -> {
                String file = label(labels, split);
                List<FileLine> out = new ArrayList<>();
                it.forEachRemaining(row -> out.add(new FileLine(file, ParquetRows.jsonOf(row._2())
                        .getBytes(StandardCharsets.UTF_8))));
                return out.iterator();
            }, true);
        }
        conf.set("textinputformat.record.delimiter", "\n");
        JavaNewHadoopRDD<LongWritable, Text> text = (JavaNewHadoopRDD<LongWritable, Text>) sc.newAPIHadoopRDD(conf,
                TextInputFormat.class, LongWritable.class, Text.class);
        return text.mapPartitionsWithInputSplit((split, it) -> {
            String file = label(labels, split);
            return new Iterator<FileLine>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public FileLine next() {
                    Text line = it.next()._2();
                    return new FileLine(file, Arrays.copyOf(line.getBytes(), line.getLength()));
                }
            };
        }, true);
    }

    /** How messages name the file of a split: as the input's listing named it (its path if the listing does not know it). */
    private static String label(Map<String, String> labels, org.apache.hadoop.mapreduce.InputSplit split) {
        Path path = ((FileSplit) split).getPath();
        return labels.getOrDefault(path.toUri().getPath(), path.toString());
    }

    /** The 1-based number, in its file, of each partition's first line (a file's partitions follow each other in order). */
    private static long[] firstLineNumbers(JavaRDD<FileLine> lines) {
        List<Tuple3<Integer, String, Long>> counts = lines.mapPartitionsWithIndex((p, it) -> {
            long n = 0;
            String file = null;
            for (; it.hasNext(); n++) {
                file = it.next().file();
            }
            return List.of(new Tuple3<>(p, file, n)).iterator();
        }, true).collect();
        long[] first = new long[counts.size()];
        Map<String, Long> next = new HashMap<>();
        String previous = null;
        for (Tuple3<Integer, String, Long> c : counts) {
            String file = c._2() == null ? previous : c._2();
            long at = next.getOrDefault(file, 1L);
            first[c._1()] = at;
            next.put(file, at + c._3());
            if (at + c._3() - 1 > Integer.MAX_VALUE) {
                throw new InvalidInputException(file + ": has more than " + Integer.MAX_VALUE + " lines; at most that many are numbered");
            }
            previous = file;
        }
        return first;
    }

    private static Iterator<PreparedPiece> tokenize(Iterator<FileLine> lines, long firstLine, TokenizerShipment shipment,
            SampleMaker.Rules rules) {
        List<PreparedPiece> out = new ArrayList<>();
        PrepareStats stats = new PrepareStats();
        try (Tokenizer tokenizer = shipment.open()) {
            SampleMaker maker = null;
            Utf8Lines.Handler handler = null;
            for (int line = (int) firstLine; lines.hasNext(); line++) {
                FileLine next = lines.next();
                if (maker == null) {
                    SampleMaker m = new SampleMaker(tokenizer, rules, stats, next.file());
                    maker = m;
                    handler = (n, text) -> m.make(n, text).ifPresent(s -> out.add(PreparedPiece.of(s)));
                }
                Utf8Lines.line(line, next.bytes(), handler);
            }
        }
        out.add(new PreparedPiece(null, null, stats));
        return out.iterator();
    }
}
