package org.hrmtext.ports;

/**
 * One cached forward pass of {@code queryLen} new tokens per row, row-major flat arrays.
 *
 * @param batch rows; must equal the cache's batch
 * @param queryLen new tokens per row ({@code Tq})
 * @param tokens token ids {@code [batch, Tq]}
 * @param positions position ids {@code [batch, Tq]}
 * @param attentionBias additive attention bias {@code [batch, Tq, cacheLength + Tq]}: 0 where a
 *     query may attend a key, a large negative value where not. It carries the PrefixLM pattern
 *     (a bidirectional prompt, causal generation) and the padding of rows of unequal length.
 * @param logitsIndex per row, the query position whose logits are returned
 */
public record ForwardRequest(int batch, int queryLen, long[] tokens, long[] positions, float[] attentionBias,
        long[] logitsIndex) {

    public ForwardRequest {
        if (tokens.length != (long) batch * queryLen || positions.length != tokens.length
                || logitsIndex.length != batch || attentionBias.length % ((long) batch * queryLen) != 0) {
            throw new IllegalArgumentException("forward request: inconsistent shapes for batch " + batch
                    + " and query length " + queryLen);
        }
    }

    /** Key length the bias covers: cache length + query length. */
    public int keyLen() {
        return attentionBias.length / (batch * queryLen);
    }
}
