package org.hrmtext.inference;

import java.util.List;
import org.hrmtext.domain.PublicApi;

/**
 * New tokens per prompt (stop tokens included, stop sequences included), why each row stopped,
 * and what it cost: prefill time, decode throughput and the KV cache's size.
 */
@PublicApi
public record GenerationResult(List<int[]> newTokens, List<StopReason> stopReasons, double prefillMillis,
        double decodeTokensPerSecond, long cacheBytes) {

    /** Why a row stopped. */
    @PublicApi
    public enum StopReason {
        STOP_TOKEN,
        STOP_SEQUENCE,
        TOKEN_LIMIT
    }
}
