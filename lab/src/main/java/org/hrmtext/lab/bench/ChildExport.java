package org.hrmtext.lab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hrmtext.app.export.RandomModels;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.ports.ExportOptions;

/**
 * Exports random weights of a preset ({@code hrm export-onnx --random}) in a child JVM with this
 * JVM's options (but a heap sized for the weights, {@link #heapMegabytes}) and class path, so the
 * benchmarking process never holds the Java copy of the weights and its resident memory is that
 * of loading and decoding only.
 */
final class ChildExport {
    /** The command line's entry point, run in the child. */
    private static final String MAIN = "org.hrmtext.cli.HrmCommand";

    private ChildExport() {
    }

    /**
     * The export child's heap: twice the float32 weights (the random weights plus the serialized
     * model and one tensor's working copies) and 1 GiB, so the benchmarking JVM itself can run
     * with a small heap.
     */
    static long heapMegabytes(ModelConfig config) {
        return 2 * Float.BYTES * ParameterLayout.of(config).trainableCount() / (1 << 20) + 1024;
    }

    static void export(String preset, long seed, ExportOptions options, Path out) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-Xmx") && !arg.startsWith("-Xms") && !arg.startsWith("-XX:MaxRAM")) {
                cmd.add(arg);
            }
        }
        cmd.add("-Xmx" + heapMegabytes(RandomModels.config(preset)) + "m");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN, "export-onnx", "--random", preset,
                "--seed", Long.toString(seed), "--weights", options.weights().label(), "--block-size",
                Integer.toString(options.blockSize()), "--kv-dtype", options.cache().label(), "--out", out.toString()));
        if (options.quantizeLmHead()) {
            cmd.add("--quantize-lm-head");
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            int status = p.waitFor();
            if (status != 0) {
                throw new IllegalStateException("bench generate: exporting random " + preset + " weights ("
                        + options.describe() + ") in a child process failed with exit status " + status);
            }
        } catch (IOException e) {
            throw new IllegalStateException("bench generate: cannot start the export process: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench generate: interrupted while exporting", e);
        }
    }
}
