package org.hrmtext.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.inference.GenerationResult.StopReason;
import org.hrmtext.ports.ForwardRequest;
import org.hrmtext.ports.ForwardResult;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.KvCache;

/**
 * The decode loop, ours for every backend: prefill all prompts as PrefixLM prefixes in one
 * forward, then one token per row per step through the full recurrence, each module call
 * attending to its own cache. Thread-safe: each call makes and frees its own caches. Logits that
 * are NaN or infinite are refused ({@link InvalidInputException}), never sampled.
 */
public final class GenerationEngine {
    private final InferenceModel model;
    private final int contextLength;

    /** @param contextLength the most positions a request may hold (prompt + new tokens) */
    public GenerationEngine(InferenceModel model, int contextLength) {
        if (contextLength < 2) {
            throw new InvalidInputException("context length: expected at least 2, got " + contextLength);
        }
        this.model = model;
        this.contextLength = contextLength;
    }

    public GenerationResult generate(GenerationRequest request) {
        int rows = request.prompts().size();
        int vocab = model.config().vocabSize();
        int[] lengths = new int[rows];
        int longest = 0;
        for (int r = 0; r < rows; r++) {
            int[] p = request.prompts().get(r);
            for (int i = 0; i < p.length; i++) {
                if (p[i] < 0 || p[i] >= vocab) {
                    throw new InvalidInputException("prompt " + r + ": token id " + p[i] + " at position " + i
                            + " is outside the vocabulary [0, " + vocab + ")");
                }
            }
            lengths[r] = p.length;
            longest = Math.max(longest, p.length);
        }
        for (int stop : request.stopTokens()) {
            if (stop < 0 || stop >= vocab) {
                throw new InvalidInputException("stop token id " + stop + " is outside the vocabulary [0, " + vocab + ")");
            }
        }
        for (int[] seq : request.stopSequences()) {
            for (int id : seq) {
                if (id < 0 || id >= vocab) {
                    throw new InvalidInputException("stop sequence " + Arrays.toString(seq) + ": token id " + id
                            + " is outside the vocabulary [0, " + vocab + ")");
                }
            }
        }
        if (longest + request.maxNewTokens() > contextLength) {
            throw new InvalidInputException("a prompt of " + longest + " tokens plus " + request.maxNewTokens()
                    + " new tokens exceeds the context length " + contextLength
                    + " (shorten the prompt, lower max-new-tokens or raise the context length)");
        }
        CacheLayout layout = new CacheLayout(lengths, longest + request.maxNewTokens());
        TokenSampler sampler = new TokenSampler(request.sampling());
        try (KvCache cache = model.newCache(rows, longest + request.maxNewTokens())) {
            long start = System.nanoTime();
            ForwardResult first = model.forward(cache, prefill(request, lengths, longest, layout));
            double prefillMillis = (System.nanoTime() - start) / 1e6;
            Decoding d = new Decoding(request, rows);
            int[] next = d.choose(first, sampler, vocab);
            long decodeStart = System.nanoTime();
            int decoded = 0;
            for (int step = 1; step < request.maxNewTokens() && d.anyActive(); step++) {
                long[] tokens = new long[rows];
                long[] positions = new long[rows];
                for (int r = 0; r < rows; r++) {
                    tokens[r] = next[r];
                    positions[r] = lengths[r] + step - 1;
                }
                float[] bias = layout.decode(d.active());
                ForwardResult out = model.forward(cache, new ForwardRequest(rows, 1, tokens, positions, bias, new long[rows]));
                next = d.choose(out, sampler, vocab);
                decoded++;
            }
            double seconds = (System.nanoTime() - decodeStart) / 1e9;
            return new GenerationResult(d.tokens(), d.reasons(), prefillMillis,
                    decoded == 0 ? 0 : decoded * rows / Math.max(seconds, 1e-9), cache.bytes());
        }
    }

    private static ForwardRequest prefill(GenerationRequest request, int[] lengths, int t, CacheLayout layout) {
        int rows = lengths.length;
        long[] tokens = new long[rows * t];
        long[] positions = new long[rows * t];
        long[] last = new long[rows];
        for (int r = 0; r < rows; r++) {
            int[] p = request.prompts().get(r);
            for (int i = 0; i < p.length; i++) {
                tokens[r * t + i] = p[i];
                positions[r * t + i] = i;
            }
            last[r] = lengths[r] - 1;
        }
        return new ForwardRequest(rows, t, tokens, positions, layout.prefill(t), last);
    }

    /** Per-row bookkeeping of one request: tokens so far, which rows still run, why they stopped. */
    private static final class Decoding {
        private final GenerationRequest request;
        private final List<List<Integer>> tokens = new ArrayList<>();
        private final StopReason[] reasons;
        private final boolean[] active;

        Decoding(GenerationRequest request, int rows) {
            this.request = request;
            this.reasons = new StopReason[rows];
            this.active = new boolean[rows];
            Arrays.fill(active, true);
            for (int r = 0; r < rows; r++) {
                tokens.add(new ArrayList<>());
            }
        }

        int[] choose(ForwardResult out, TokenSampler sampler, int vocab) {
            float[] logits = guided(out, request.guidance());
            int[] next = new int[active.length];
            for (int r = 0; r < active.length; r++) {
                if (!active[r]) {
                    continue;
                }
                requireFinite(logits, r, vocab);
                int token = sampler.next(logits, r * vocab, vocab);
                next[r] = token;
                tokens.get(r).add(token);
                if (request.listener() != null) {
                    request.listener().onToken(r, token);
                }
                stopIfDone(r, token);
            }
            return next;
        }

        /** A token chosen from NaN or infinite logits would be noise: refuse it, naming the row and step. */
        private void requireFinite(float[] logits, int r, int vocab) {
            for (int i = r * vocab; i < (r + 1) * vocab; i++) {
                if (!Float.isFinite(logits[i])) {
                    throw new InvalidInputException("generation: prompt " + r + ", new token " + (tokens.get(r).size() + 1)
                            + ": the model produced a logit of " + logits[i] + " (token " + (i - r * vocab)
                            + "); its weights are not usable (non-finite or overflowing)");
                }
            }
        }

        private void stopIfDone(int r, int token) {
            List<Integer> seq = tokens.get(r);
            if (request.stopTokens().contains(token)) {
                stop(r, StopReason.STOP_TOKEN);
            } else if (request.stopSequences().stream().anyMatch(s -> endsWith(seq, s))
                    || request.stopRule() != null && request.stopRule().stopsAfter(r, token)) {
                stop(r, StopReason.STOP_SEQUENCE);
            } else if (seq.size() >= request.maxNewTokens()) {
                stop(r, StopReason.TOKEN_LIMIT);
            }
        }

        private void stop(int r, StopReason reason) {
            active[r] = false;
            reasons[r] = reason;
        }

        private static boolean endsWith(List<Integer> seq, int[] suffix) {
            if (suffix.length == 0 || suffix.length > seq.size()) {
                return false;
            }
            for (int i = 0; i < suffix.length; i++) {
                if (seq.get(seq.size() - suffix.length + i) != suffix[i]) {
                    return false;
                }
            }
            return true;
        }

        private static float[] guided(ForwardResult out, double w) {
            if (w == 0) {
                return out.logits();
            }
            float[] g = new float[out.logits().length];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) ((1 + w) * out.logits()[i] - w * out.firstLogits()[i]);
            }
            return g;
        }

        boolean anyActive() {
            for (boolean a : active) {
                if (a) {
                    return true;
                }
            }
            return false;
        }

        boolean[] active() {
            return active.clone();
        }

        List<int[]> tokens() {
            return tokens.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
        }

        List<StopReason> reasons() {
            return Arrays.asList(reasons.clone());
        }
    }
}
