package org.hrmtext.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hrmtext.app.batch.ModelPaths;
import org.hrmtext.domain.InvalidInputException;
import picocli.CommandLine.Option;

/**
 * The options of every command that runs a model, declared once (a picocli mixin) with one
 * documented default each: {@code --backend} (by what the command does: {@code onnx} for an
 * {@code .onnx} file and {@code djl} for a model directory; to train, {@code backend.train} of the
 * config, else {@code djl}), {@code --device} ({@code cpu}) and {@code --threads} ({@code 0}: the
 * backend's own choice, one thread on ONNX Runtime, one per core on DJL and TensorFlow).
 */
public final class ComputeOptions {
    private static final Set<String> DEVICES = Set.of("cpu", "cuda");

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend: djl or tensorflow to train, djl or onnx to infer "
            + "(default: onnx for an .onnx file, djl for a model directory; to train, backend.train of the config, else djl).")
    private String backend;

    @Option(names = "--device", paramLabel = "cpu|cuda", description = "Device (default: cpu).")
    private String device;

    @Option(names = "--threads", paramLabel = "N", description = "Compute threads per model (default: 0 = the backend's own: "
            + "1 on ONNX Runtime, one per core on DJL and TensorFlow).")
    private Integer threads;

    /** The backend named on the command line, if any. */
    public Optional<String> backend() {
        return Optional.ofNullable(backend);
    }

    /** The named backend, or the default for what {@code model} is (an {@code .onnx} file or a directory). */
    public String backendFor(Path model) {
        return ModelPaths.backend(model, backend);
    }

    /** The named backend, or {@code fallback} where the command has no model to go by. */
    public String backendOr(String fallback) {
        return backend != null ? backend : fallback;
    }

    public String device() {
        if (device == null) {
            return "cpu";
        }
        if (!DEVICES.contains(device)) {
            throw new InvalidInputException("--device: expected cpu or cuda, got \"" + device + "\"");
        }
        return device;
    }

    public int threads() {
        if (threads == null) {
            return 0;
        }
        if (threads < 0) {
            throw new InvalidInputException("--threads: expected an integer >= 0, got " + threads);
        }
        return threads;
    }

    /** Refuses {@code --device cuda} for a command that runs on the CPU only, naming the ones that do not. */
    public void requireCpu(String command) {
        if (!device().equals("cpu")) {
            throw new InvalidInputException("--device " + device + ": " + command + " runs on the CPU; generate, serve and "
                    + "train run on cuda");
        }
    }

    /**
     * Refuses {@code --backend} or {@code --threads} on a command that does not use it (quickstart
     * trains on DJL and evaluates on ONNX Runtime; an export runs no computation), rather than
     * ignoring it.
     */
    public void requireUnset(String command, String option) {
        boolean given = switch (option) {
            case "--backend" -> backend != null;
            case "--threads" -> threads != null;
            default -> throw new IllegalArgumentException(option);
        };
        if (given) {
            throw new InvalidInputException(option + ": " + command + " does not take it (" + (option.equals("--backend")
                    ? "it chooses its backends itself; train with hrm train --backend" : "it runs no model computation") + ")");
        }
    }

    /** The given options as overrides of a training config's {@code backend:} section. */
    public List<String> trainingOverrides() {
        List<String> out = new ArrayList<>();
        backend().ifPresent(b -> out.add("backend.train=" + b));
        if (device != null) {
            out.add("backend.device=" + device());
        }
        if (threads != null) {
            out.add("backend.threads=" + threads());
        }
        return out;
    }
}
