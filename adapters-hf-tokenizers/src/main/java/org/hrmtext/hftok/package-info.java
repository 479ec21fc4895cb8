/**
 * Hugging Face {@code tokenizer.json} files as HRM-Text tokenizers, through DJL's Rust tokenizers
 * binding. Only the {@link java.nio.file.Path} loaders are used, so nothing reaches the network;
 * the native library ships inside the DJL jar. Found by {@link java.util.ServiceLoader} as the
 * {@code huggingface} {@link org.hrmtext.ports.TokenizerProvider}.
 */
package org.hrmtext.hftok;
