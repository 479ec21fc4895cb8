package org.hrmtext.app.data;

import java.nio.file.Path;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;

/**
 * One {@code hrm prepare} run: the text JSONL, the tokenizer ({@code byte}, a tokenizer file or a
 * directory) with any special-token renames (role → name), the output directory, how many
 * per-epoch orders to write and their seed, the most tokens a sample may take in a packed row
 * ({@code maxLen}, 0 = no limit), what to do with malformed and overlong lines, and the dataset
 * format to write with, for {@link Format#V1}, its context size (the reference's
 * {@code --context-size}: every sample's instruction + response must be shorter).
 */
public record PrepareRequest(Path input, String tokenizer, Map<String, String> specialTokens, Path out, int epochs,
        long seed, int maxLen, OnError onError, Overlong overlong, Format format, int contextSize) {
    /** The reference's default context size (4096 tokens + 1 for the autoregressive shift). */
    public static final int V1_CONTEXT = 4097;

    /** The dataset layout written. */
    public enum Format {
        /** This project's memory-mapped layout ({@link PreparedDataset}). */
        HRM,
        /** The reference trainer's V1 layout ({@link V1Dataset}): {@code tokens.npy}, {@code epoch_E/*.npy}, {@code metadata.json}. */
        V1
    }

    /** What a malformed line (not UTF-8, not JSON, a missing field) does. */
    public enum OnError {
        /** Stop the run, naming every malformed line; nothing is written. */
        FAIL,
        /** Skip it and count it in the statistics. */
        SKIP
    }

    /** What a sample longer than {@code maxLen} does. */
    public enum Overlong {
        /** Cut the response's end so the sample fits (an instruction that alone does not fit is dropped). */
        TRUNCATE,
        /** Drop the sample. */
        DROP
    }

    /** A request for this project's own format. */
    public PrepareRequest(Path input, String tokenizer, Map<String, String> specialTokens, Path out, int epochs, long seed,
            int maxLen, OnError onError, Overlong overlong) {
        this(input, tokenizer, specialTokens, out, epochs, seed, maxLen, onError, overlong, Format.HRM, V1_CONTEXT);
    }

    public PrepareRequest {
        specialTokens = Map.copyOf(specialTokens);
        if (contextSize < 3) {
            throw new InvalidInputException("--context-size: expected an integer >= 3, got " + contextSize);
        }
        if (epochs < 1) {
            throw new InvalidInputException("--epochs: expected an integer >= 1, got " + epochs);
        }
        if (maxLen != 0 && maxLen < 2) {
            throw new InvalidInputException("--max-len: expected 0 (no limit) or an integer >= 2, got " + maxLen);
        }
    }
}
