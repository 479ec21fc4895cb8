/**
 * Generation from HRM-Text models and the embedding API for other Java programs.
 *
 * <p>{@link org.hrmtext.inference.GenerationEngine} drives any backend's
 * {@link org.hrmtext.ports.InferenceModel}: it prefills prompts as one bidirectional PrefixLM
 * prefix, then decodes token by token, each module call attending to its own KV cache.
 * {@link org.hrmtext.inference.HrmTextModel} is the entry point for applications.
 */
package org.hrmtext.inference;
