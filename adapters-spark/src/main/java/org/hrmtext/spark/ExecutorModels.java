package org.hrmtext.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hrmtext.app.batch.EvalMode;
import org.hrmtext.app.eval.EvalWorker;
import org.hrmtext.app.generate.BatchGenerator;
import org.hrmtext.app.batch.ModelSettings;

/**
 * The models opened in this executor JVM, one per model, mode and backend, opened by the first
 * task that needs it and reused by every later task and partition for the life of the executor.
 * Tasks on one executor take turns on a model (a session computes with its own threads,
 * {@code --threads}), so give executors one core each or few, and threads to the model.
 */
final class ExecutorModels {
    private static final Map<Object, AutoCloseable> OPEN = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    private record Key(ModelSettings model, Object purpose) {
    }

    static EvalWorker scorer(ModelSettings model, EvalMode mode) {
        return (EvalWorker) OPEN.computeIfAbsent(new Key(model, mode), k -> EvalWorker.installed(model, mode));
    }

    static BatchGenerator generator(ModelSettings model) {
        return (BatchGenerator) OPEN.computeIfAbsent(new Key(model, "generate"), k -> BatchGenerator.installed(model));
    }

    /** How many models this JVM holds (for tests of the reuse). */
    static int opened() {
        return OPEN.size();
    }
}
