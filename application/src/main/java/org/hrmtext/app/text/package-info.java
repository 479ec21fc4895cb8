/**
 * Tokenizer wiring and files for the application: the Guice binding of the tokenizer plugins
 * found by {@link java.util.ServiceLoader} (Hugging Face {@code tokenizer.json}) and the writing
 * of the tokenizer files that travel with prepared datasets and trained models
 * ({@code tokenizer.json}, {@code tokenizer_info.json}). Reading them lives in
 * {@link org.hrmtext.inference.tokenizer}.
 */
package org.hrmtext.app.text;
