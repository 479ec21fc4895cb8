/**
 * The HRM-Text application: use cases (prepare, train, score, generate, export, bench) driven
 * through the ports, the Guice composition root that plugs backends and tokenizers in through
 * {@link java.util.ServiceLoader}, YAML training configuration, checkpoints and prepared datasets
 * on disk, and the {@code hrm} command line.
 *
 * <p>This module never imports a backend: a backend arrives at run time as an
 * {@link org.hrmtext.ports.BackendProvider} and is chosen by name.
 */
package org.hrmtext.app;
