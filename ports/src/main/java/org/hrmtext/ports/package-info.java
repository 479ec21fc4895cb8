/**
 * The interfaces the application drives and the backends implement, and the plugin SPI.
 * Backends are found with {@link java.util.ServiceLoader} as {@link org.hrmtext.ports.BackendProvider}s
 * and selected by name from configuration ({@code backend.train}, {@code backend.infer});
 * tokenizer file formats likewise as {@link org.hrmtext.ports.TokenizerProvider}s.
 * Everything that crosses a port is a domain value (configs, schedules, packed batches, host tensors).
 */
package org.hrmtext.ports;
