package org.hrmtext.app.batch;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * The model a worker opens, in a form that travels to other machines: its path (a model
 * directory or ONNX file, readable where the worker runs), the backend name and compute threads.
 */
public record ModelSettings(String model, String backend, int threads) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Path path() {
        return Path.of(model);
    }
}
