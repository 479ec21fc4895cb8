package org.hrmtext.app.data;

import java.io.IOException;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.formats.json.Json;
import org.hrmtext.formats.json.JsonFields;

/**
 * A dataset in the reference trainer's V1 layout ({@link V1DatasetWriter}; also as written by the
 * reference's {@code scripts/prepare_sft_data.py}), read through memory maps: the samples are the
 * rows of {@code epoch_0} and each epoch's order is its rows' position there; past the epochs
 * written, the orders repeat from epoch 0. The tokenizer's size comes from
 * {@code metadata.json}'s {@code tokenizer_info.vocab_size}.
 *
 * <pre>{@code
 * V1Dataset data = V1Dataset.open(Path.of("data/v1"));
 * List<PackedBatch> epoch1 = packer.pack(data.samples(), data.order(1));
 * }</pre>
 */
public final class V1Dataset {
    private final int vocabSize;
    private final IntBuffer tokens;
    private final long[][] epoch0;
    private final List<int[]> orders;

    private V1Dataset(int vocabSize, IntBuffer tokens, long[][] epoch0, List<int[]> orders) {
        this.vocabSize = vocabSize;
        this.tokens = tokens;
        this.epoch0 = epoch0;
        this.orders = orders;
    }

    /** Whether {@code dir} holds a V1 dataset ({@code metadata.json} and {@code tokens.npy}). */
    public static boolean isV1(Path dir) {
        return Files.isRegularFile(dir.resolve(V1Metadata.METADATA)) && Files.isRegularFile(dir.resolve(V1DatasetWriter.TOKENS));
    }

    public static V1Dataset open(Path dir) {
        int vocab = vocabSize(dir.resolve(V1Metadata.METADATA));
        NpyFile.Array tokenArray = NpyFile.open(dir.resolve(V1DatasetWriter.TOKENS), NpyFile.Dtype.INT32);
        IntBuffer tokens = tokenArray.values().asIntBuffer();
        long[][] first = table(dir, 0, tokenArray.length());
        Integer[] byStart = new Integer[first[0].length];
        Arrays.setAll(byStart, i -> i);
        Arrays.sort(byStart, (a, b) -> Long.compare(first[0][a], first[0][b]));
        long[] sortedStarts = Arrays.stream(byStart).mapToLong(i -> first[0][i]).toArray();
        List<int[]> orders = new java.util.ArrayList<>();
        for (int e = 0; Files.isDirectory(dir.resolve(V1DatasetWriter.epochDir(e))); e++) {
            long[][] t = e == 0 ? first : table(dir, e, tokenArray.length());
            if (t[0].length != first[0].length) {
                throw new InvalidInputException(dir.resolve(V1DatasetWriter.epochDir(e)) + ": " + t[0].length
                        + " samples, but epoch_0 has " + first[0].length);
            }
            int[] order = new int[t[0].length];
            for (int k = 0; k < order.length; k++) {
                int at = Arrays.binarySearch(sortedStarts, t[0][k]);
                int i = at < 0 ? -1 : byStart[at];
                if (i < 0 || first[1][i] != t[1][k] || first[2][i] != t[2][k] || first[3][i] != t[3][k]) {
                    throw new InvalidInputException(dir.resolve(V1DatasetWriter.epochDir(e)) + ": row " + k
                            + " is not a sample of epoch_0 (each epoch must be a permutation of the same samples)");
                }
                order[k] = i;
            }
            orders.add(order);
        }
        return new V1Dataset(vocab, tokens, first, orders);
    }

    private static int vocabSize(Path file) {
        try {
            Map<String, Object> m = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
            if (!(m.get("tokenizer_info") instanceof Map<?, ?> info)) {
                throw new InvalidInputException(file + ": key tokenizer_info: expected an object");
            }
            @SuppressWarnings("unchecked")
            JsonFields f = new JsonFields(file + ": tokenizer_info", (Map<String, Object>) info);
            return f.requireInt("vocab_size");
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found (not a V1 dataset)");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The four columns of {@code epoch_E}, checked to lie within the tokens. */
    private static long[][] table(Path dir, int epoch, int tokenCount) {
        Path ep = dir.resolve(V1DatasetWriter.epochDir(epoch));
        long[][] columns = new long[V1DatasetWriter.COLUMNS.length][];
        for (int c = 0; c < columns.length; c++) {
            NpyFile.Array a = NpyFile.open(ep.resolve(V1DatasetWriter.COLUMNS[c] + ".npy"), NpyFile.Dtype.INT64);
            columns[c] = new long[a.length()];
            a.values().asLongBuffer().get(columns[c]);
            if (c > 0 && columns[c].length != columns[0].length) {
                throw new InvalidInputException(ep.resolve(V1DatasetWriter.COLUMNS[c] + ".npy") + ": " + columns[c].length
                        + " rows, but inst_start.npy has " + columns[0].length);
            }
        }
        for (int k = 0; k < columns[0].length; k++) {
            for (int span = 0; span < 4; span += 2) {
                long start = columns[span][k];
                long len = columns[span + 1][k];
                if (start < 0 || len < 1 || start + len > tokenCount) {
                    throw new InvalidInputException(ep + ": row " + k + ": " + V1DatasetWriter.COLUMNS[span] + " " + start + ", "
                            + V1DatasetWriter.COLUMNS[span + 1] + " " + len + " do not lie in the " + tokenCount
                            + " tokens of tokens.npy (lengths must be >= 1)");
                }
            }
        }
        return columns;
    }

    /** The tokenizer's size ({@code tokenizer_info.vocab_size}). */
    public int vocabSize() {
        return vocabSize;
    }

    /** The number of epoch orders written. */
    public int epochs() {
        return orders.size();
    }

    /** The samples in the order of {@code epoch_0}, read from the token map on access. */
    public List<Sample> samples() {
        return new SampleView();
    }

    /** The order of {@code epoch} as indices into {@link #samples()}; past the epochs written they repeat. */
    public int[] order(int epoch) {
        return orders.get(epoch % orders.size()).clone();
    }

    private final class SampleView extends AbstractList<Sample> implements RandomAccess {
        @Override
        public Sample get(int i) {
            Objects.checkIndex(i, size());
            int[] instruction = new int[(int) epoch0[1][i]];
            int[] response = new int[(int) epoch0[3][i]];
            tokens.get((int) epoch0[0][i], instruction);
            tokens.get((int) epoch0[2][i], response);
            return new Sample(instruction, response);
        }

        @Override
        public int size() {
            return epoch0[0].length;
        }
    }
}
