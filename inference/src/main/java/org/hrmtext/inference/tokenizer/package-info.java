/**
 * Tokenizers for inference and for the application: the built-in byte-level tokenizer and the
 * catalog that opens a model's or dataset's tokenizer files ({@code tokenizer.json},
 * {@code tokenizer_info.json}) through the {@link org.hrmtext.ports.TokenizerProvider} plugins
 * found by {@link java.util.ServiceLoader} (the Hugging Face adapter is one).
 */
package org.hrmtext.inference.tokenizer;
