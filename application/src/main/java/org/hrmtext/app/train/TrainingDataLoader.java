package org.hrmtext.app.train;

import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hrmtext.app.config.TrainingConfig;
import org.hrmtext.app.data.PrepareRequest;
import org.hrmtext.app.data.PrepareStats;
import org.hrmtext.app.data.PrepareUseCase;
import org.hrmtext.app.data.PreparedDataset;
import org.hrmtext.app.data.V1Dataset;
import org.hrmtext.app.io.AtomicDirectory;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.domain.data.SamplePacker;
import org.hrmtext.formats.data.TokenIdJsonl;
import org.hrmtext.formats.json.Json;

/**
 * Finds out what {@code --data} is and loads it: a prepared dataset directory (its per-epoch
 * orders), a V1 dataset directory of the reference trainer ({@link V1Dataset}), a token-id JSONL ({@code instruction_ids}/{@code response_ids}; shuffled by
 * {@code train.seed}), or a text JSONL ({@code instruction}/{@code response}), prepared on the fly
 * into a temporary directory with {@code --tokenizer} (default: the byte tokenizer), samples over
 * {@code train.seq_len} dropped. The tokenizer must fit the model's vocabulary.
 */
public final class TrainingDataLoader {
    /** How much of a JSONL file is read to tell text from token ids: its first lines. */
    private static final int DETECT_BYTES = 1 << 22;
    private final PrepareUseCase prepare;

    @Inject
    public TrainingDataLoader(PrepareUseCase prepare) {
        this.prepare = prepare;
    }

    TrainingData load(Path data, Optional<String> tokenizer, TrainingConfig config) {
        if (Files.isDirectory(data)) {
            if (V1Dataset.isV1(data)) {
                refuseTokenizer(tokenizer, data, "a V1 dataset");
                V1Dataset v1 = V1Dataset.open(data);
                checkVocabulary(data, v1.vocabSize(), config);
                return new TrainingData(v1.samples(), v1::order, Optional.of(data), Optional.empty());
            }
            if (!PreparedDataset.isPrepared(data)) {
                throw new InvalidInputException(data + ": a directory that is not a prepared dataset (no dataset.json, nor "
                        + "metadata.json and tokens.npy of a V1 dataset); run hrm prepare, or pass a JSONL file");
            }
            refuseTokenizer(tokenizer, data, "a prepared dataset");
            return prepared(data, config, Optional.empty());
        }
        if (!isText(data)) {
            refuseTokenizer(tokenizer, data, "token ids");
            List<Sample> samples = TokenIdJsonl.read(data, config.model().vocabSize());
            long seed = config.train().seed();
            return new TrainingData(samples, e -> SamplePacker.epochOrder(samples.size(), seed, e), Optional.empty(),
                    Optional.empty());
        }
        Path scratch = createTempDirectory();
        try {
            Path out = scratch.resolve("data");
            PrepareStats stats = prepare.run(new PrepareRequest(data, tokenizer.orElse("byte"), Map.of(), out, 1,
                    config.train().seed(), config.train().seqLen(), PrepareRequest.OnError.FAIL, PrepareRequest.Overlong.DROP));
            System.err.println("prepared " + data + " on the fly: " + stats.summary());
            return prepared(out, config, Optional.of(scratch));
        } catch (RuntimeException e) {
            AtomicDirectory.deleteTreeQuietly(scratch);
            throw e;
        }
    }

    private static TrainingData prepared(Path dir, TrainingConfig config, Optional<Path> scratch) {
        PreparedDataset ds = PreparedDataset.open(dir);
        checkVocabulary(dir, ds.manifest().vocabSize(), config);
        return new TrainingData(ds.samples(), ds::order, Optional.of(dir), scratch);
    }

    private static void checkVocabulary(Path dir, int tokenizerSize, TrainingConfig config) {
        int modelSize = config.model().vocabSize();
        if (tokenizerSize > modelSize) {
            throw new InvalidInputException(dir + ": the tokenizer has " + tokenizerSize + " ids but the model's vocab_size is "
                    + modelSize + "; raise it (--set model.vocab_size=" + tokenizerSize + ") or use a smaller tokenizer");
        }
    }

    /**
     * Whether the first non-blank line is a JSON object with an {@code instruction} key (else: token
     * ids). Only that line is decoded (leniently, past a byte-order mark), so a bad byte further on is
     * reported by the reader of the detected format with its line number.
     */
    private static boolean isText(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(DETECT_BYTES), StandardCharsets.UTF_8);
            for (String line : head.split("\n")) {
                String json = line.replace("\uFEFF", "").strip();
                if (!json.isEmpty()) {
                    return Json.parseObject(json).containsKey("instruction");
                }
            }
            return false;
        } catch (IOException | InvalidInputException e) {
            return false;
        }
    }

    private static void refuseTokenizer(Optional<String> tokenizer, Path data, String what) {
        if (tokenizer.isPresent()) {
            throw new InvalidInputException("--tokenizer applies to text data, but " + data + " holds " + what);
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("hrm-prepared-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }
}
