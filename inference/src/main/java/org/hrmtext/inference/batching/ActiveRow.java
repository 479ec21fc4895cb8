package org.hrmtext.inference.batching;

import java.util.ArrayList;
import java.util.List;
import org.hrmtext.inference.TokenSampler;
import org.hrmtext.inference.batching.DecodeOutcome.FinishReason;
import org.hrmtext.ports.KvCache;

/**
 * One request while the scheduler holds it: its sampler, tokens so far and where its keys sit —
 * first in its own prefill cache, then in the batch cache at {@code [0, packed)} plus every
 * position from the batch's last gather on.
 */
final class ActiveRow {
    final DecodeRequest request;
    final Generation handle;
    final long submittedNanos;
    final long deadlineNanos;
    private final TokenSampler sampler;
    private final List<Integer> tokens = new ArrayList<>();
    private long firstTokenNanos = -1;
    /** The prefill cache until the row joins the batch cache, then null. */
    KvCache own;
    int packed;
    int nextToken;
    /** The position id of {@link #nextToken} when it is fed. */
    int nextPosition;
    FinishReason reason;

    ActiveRow(DecodeRequest request, Generation handle, long submittedNanos) {
        this.request = request;
        this.handle = handle;
        this.submittedNanos = submittedNanos;
        this.deadlineNanos = submittedNanos + request.timeout().toNanos();
        this.sampler = new TokenSampler(request.sampling());
    }

    /** Samples from {@code logits[offset, offset + vocab)}, tells the listener, and notes whether it stopped. */
    void accept(float[] logits, int offset, int vocab, long now) {
        int token = sampler.next(logits, offset, vocab);
        if (firstTokenNanos < 0) {
            firstTokenNanos = now - submittedNanos;
        }
        tokens.add(token);
        nextToken = token;
        nextPosition++;
        if (request.listener() != null) {
            request.listener().onToken(0, token);
        }
        if (request.stopTokens().contains(token)) {
            reason = FinishReason.STOP_TOKEN;
        } else if (tokens.size() >= request.maxNewTokens()) {
            reason = FinishReason.LENGTH;
        }
    }

    /** Cancellation or the deadline, checked between steps. */
    void checkAbandoned(long now) {
        if (reason == null && handle.cancelled()) {
            reason = FinishReason.CANCELLED;
        } else if (reason == null && now - deadlineNanos > 0) {
            reason = FinishReason.TIMEOUT;
        }
    }

    boolean done() {
        return reason != null;
    }

    /** Completes the handle and frees the prefill cache, if still held. */
    void finish() {
        closeOwn();
        handle.outcome().complete(new DecodeOutcome(tokens.stream().mapToInt(Integer::intValue).toArray(), reason,
                request.prompt().length, firstTokenNanos));
    }

    void fail(Throwable error) {
        if (reason == null) {
            reason = FinishReason.CANCELLED;
        }
        closeOwn();
        handle.outcome().completeExceptionally(error);
    }

    void closeOwn() {
        if (own != null) {
            own.close();
            own = null;
        }
    }
}
