/**
 * The data-engine port: where {@code hrm prepare}, {@code hrm eval} and {@code hrm generate-batch}
 * run when not in this process. An engine (e.g. the Spark adapter, {@code hrm-adapters-spark})
 * is found through {@link java.util.ServiceLoader} by its {@link org.hrmtext.app.engine.DataEngineProvider#name()};
 * it makes the same samples, scores and texts as the local path, with the application's own code.
 */
package org.hrmtext.app.engine;
