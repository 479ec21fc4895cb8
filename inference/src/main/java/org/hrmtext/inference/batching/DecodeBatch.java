package org.hrmtext.inference.batching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hrmtext.ports.ForwardRequest;
import org.hrmtext.ports.ForwardResult;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.KvCache;
import org.hrmtext.ports.KvCacheRow;

/**
 * The rows decoding together and their one batch cache. {@link #rebuild} gathers the live rows
 * (their packed positions and everything since the last gather, or a newcomer's prefill cache)
 * into a new cache, left-aligned; {@link #step} decodes one token per row in one forward, each
 * row's bias hiding the zero padding between its packed positions and the last gather.
 * Finished rows may stay until the next rebuild: they are computed but never sampled.
 */
final class DecodeBatch implements AutoCloseable {
    /** Matches the backends' blocked bias: exp underflows to exactly 0. */
    private static final float BLOCKED = -1e9f;
    private final InferenceModel model;
    private List<ActiveRow> rows = List.of();
    private KvCache cache;
    private int gatherLength;

    DecodeBatch(InferenceModel model) {
        this.model = model;
    }

    List<ActiveRow> rows() {
        return rows;
    }

    long cacheBytes() {
        return cache == null ? 0 : cache.bytes();
    }

    int length() {
        return cache == null ? 0 : cache.length();
    }

    /** Makes {@code live} (rows already here and newcomers with their own prefill cache) the batch. */
    void rebuild(List<ActiveRow> live) {
        if (live.isEmpty()) {
            close();
            rows = List.of();
            return;
        }
        List<KvCacheRow> sources = new ArrayList<>();
        int longest = 0;
        for (ActiveRow r : live) {
            KvCacheRow source = r.own != null ? new KvCacheRow(r.own, 0, range(0, r.own.length()))
                    : new KvCacheRow(cache, rows.indexOf(r), own(r));
            sources.add(source);
            longest = Math.max(longest, source.positions().length);
        }
        KvCache next = model.gather(sources, longest);
        close();
        cache = next;
        gatherLength = longest;
        for (int i = 0; i < live.size(); i++) {
            ActiveRow r = live.get(i);
            r.packed = sources.get(i).positions().length;
            r.closeOwn();
        }
        rows = List.copyOf(live);
    }

    /** The batch-cache positions that hold {@code r}'s keys. */
    private int[] own(ActiveRow r) {
        int[] packed = range(0, r.packed);
        int[] since = range(gatherLength, cache.length());
        int[] all = Arrays.copyOf(packed, packed.length + since.length);
        System.arraycopy(since, 0, all, packed.length, since.length);
        return all;
    }

    private static int[] range(int from, int to) {
        int[] out = new int[Math.max(0, to - from)];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    /** One token for every row: logits {@code [rows, vocab]}. */
    ForwardResult step() {
        int n = rows.size();
        int length = cache.length();
        int keys = length + 1;
        long[] tokens = new long[n];
        long[] positions = new long[n];
        float[] bias = new float[n * keys];
        for (int i = 0; i < n; i++) {
            ActiveRow r = rows.get(i);
            tokens[i] = r.nextToken;
            positions[i] = r.nextPosition;
            Arrays.fill(bias, i * keys + r.packed, i * keys + gatherLength, BLOCKED);
        }
        return model.forward(cache, new ForwardRequest(n, 1, tokens, positions, bias, new long[n]));
    }

    @Override
    public void close() {
        if (cache != null) {
            cache.close();
            cache = null;
        }
    }
}
