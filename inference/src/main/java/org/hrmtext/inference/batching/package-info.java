/**
 * Continuous batching for servers and other driving adapters that take many requests at once.
 *
 * <p>{@link org.hrmtext.inference.batching.ContinuousBatcher} runs one scheduler thread: each
 * step decodes one token for every active request in a single forward over one batch cache;
 * new requests are prefilled alone and join between steps; finished or cancelled requests leave
 * at once. Rows are merged and dropped with
 * {@link org.hrmtext.ports.InferenceModel#gather}, so a request's keys keep their rotary
 * positions and its attention bias hides everything that is not its own: a greedy request gives
 * the same tokens alone or among others. Each request has its own sampler, seed, stop tokens and
 * deadline; the batch cache is bounded by a byte budget.
 */
package org.hrmtext.inference.batching;
