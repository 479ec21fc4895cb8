package org.hrmtext.app.engine;

import java.util.List;
import org.hrmtext.app.data.SampleSource;
import org.hrmtext.app.io.InputLine;
import org.hrmtext.app.batch.EvalItem;
import org.hrmtext.app.batch.EvalMode;
import org.hrmtext.app.batch.ModelSettings;
import org.hrmtext.app.batch.ScoredItem;
import org.hrmtext.app.batch.BatchPrompt;
import org.hrmtext.app.batch.GeneratedText;

/**
 * A running data engine: reads records and makes prepare's samples from an input path it can read
 * (any path its file systems know), and scores evaluation items or generates for prompts with one model per
 * worker, results in input order. Close it to stop the engine.
 */
public interface DataEngine extends AutoCloseable {

    /**
     * The records of {@code input} read where the engine runs: a JSONL or Parquet file, or a
     * directory of such part files (in the order of their names), each line with its file and number.
     */
    List<InputLine> lines(String input);

    /** The samples of {@code input} (a JSONL or Parquet file, or a directory of part files), made where the engine runs. */
    SampleSource samples(String input);

    /** Each item scored by the model of {@code model}, in item order. */
    List<ScoredItem> score(List<EvalItem> items, ModelSettings model, EvalMode mode);

    /** Each prompt's greedy (or configured) generation by the model of {@code model}, in prompt order. */
    List<GeneratedText> generate(List<BatchPrompt> prompts, ModelSettings model, int maxNewTokens);

    @Override
    void close();
}
