/**
 * The composition root: backends found by {@link java.util.ServiceLoader} are bound into a Guice
 * {@code MapBinder<String, BackendProvider>}, and one injector per process builds the commands.
 * Modules here are fast, side-effect free and without conditionals; native resources never live
 * in the injector (a {@link org.hrmtext.ports.Trainer} is opened and closed by the use case).
 */
package org.hrmtext.cli.wiring;
