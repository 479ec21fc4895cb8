package org.hrmtext.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.hrmtext.app.data.SampleSource;
import org.hrmtext.app.engine.DataEngine;
import org.hrmtext.app.batch.EvalItem;
import org.hrmtext.app.batch.EvalMode;
import org.hrmtext.app.eval.EvalWorker;
import org.hrmtext.app.batch.ScoredItem;
import org.hrmtext.app.generate.BatchGenerator;
import org.hrmtext.app.batch.BatchPrompt;
import org.hrmtext.app.batch.GeneratedText;
import org.hrmtext.app.batch.ModelSettings;
import org.hrmtext.app.io.InputLine;

/**
 * The data engine on one {@link SparkSession}. Record inputs (a file or a directory of part files
 * on any Hadoop file system) are read on the executors, one task per file. Evaluation items and prompts are cut into the
 * batches a local run uses, distributed over partitions, and handled by one model per executor
 * ({@link ExecutorModels}); {@code collect} returns them in order. The model path must be
 * readable at the same path on every executor (a shared file system, or local mode).
 * Closing stops the session only if this engine started it.
 */
final class SparkDataEngine implements DataEngine {
    private final SparkSession session;
    private final boolean owned;
    private final int partitions;
    private final JavaSparkContext sc;

    SparkDataEngine(SparkSession session, boolean owned, int partitions) {
        this.session = session;
        this.owned = owned;
        this.partitions = partitions;
        this.sc = JavaSparkContext.fromSparkContext(session.sparkContext());
    }

    /** Reads the input's part files on the executors, one task per file, and returns their lines in order. */
    @Override
    public List<InputLine> lines(String input) {
        List<HadoopInputs.Part> parts = HadoopInputs.parts(input, sc.hadoopConfiguration());
        Map<String, String> conf = HadoopInputs.settings(sc.hadoopConfiguration());
        List<List<InputLine>> read = sc.parallelize(parts, parts.size())
                .map(part -> List.copyOf(HadoopInputs.read(part, HadoopInputs.configuration(conf)))).collect();
        return flatten(read);
    }

    @Override
    public SampleSource samples(String input) {
        return new SparkSamples(sc, input, partitions);
    }

    @Override
    public List<ScoredItem> score(List<EvalItem> items, ModelSettings model, EvalMode mode) {
        List<List<ScoredItem>> batches = sc.parallelize(batches(items, EvalWorker.BATCH), slices(items, EvalWorker.BATCH))
                .map(batch -> {
                    EvalWorker worker = ExecutorModels.scorer(model, mode);
                    synchronized (worker) {
                        return List.copyOf(worker.score(batch));
                    }
                }).collect();
        return flatten(batches);
    }

    @Override
    public List<GeneratedText> generate(List<BatchPrompt> prompts, ModelSettings model, int maxNewTokens) {
        List<List<GeneratedText>> batches = sc.parallelize(batches(prompts, BatchGenerator.BATCH),
                slices(prompts, BatchGenerator.BATCH)).map(batch -> {
                    BatchGenerator generator = ExecutorModels.generator(model);
                    synchronized (generator) {
                        return List.copyOf(generator.generate(batch, maxNewTokens));
                    }
                }).collect();
        return flatten(batches);
    }

    /** The items cut into batches from the first on, as a local run cuts them. */
    private static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            out.add(new ArrayList<>(items.subList(from, Math.min(items.size(), from + size))));
        }
        return out;
    }

    private int slices(List<?> items, int size) {
        int batches = (items.size() + size - 1) / size;
        return Math.max(1, Math.min(batches, partitions > 0 ? partitions : sc.defaultParallelism()));
    }

    private static <T> List<T> flatten(List<List<T>> batches) {
        List<T> out = new ArrayList<>();
        batches.forEach(out::addAll);
        return out;
    }

    @Override
    public void close() {
        if (owned) {
            session.stop();
        }
    }
}
