/**
 * Tokenizers for the application: the built-in byte-level tokenizer, the tokenizer plugins found
 * by {@link java.util.ServiceLoader} (Hugging Face {@code tokenizer.json}), and the tokenizer
 * files that travel with prepared datasets and trained models ({@code tokenizer.json},
 * {@code tokenizer_info.json}).
 */
package org.hrmtext.app.text;
