package org.hrmtext.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code python3-onnx} checker ({@code onnx.checker.check_model(..., full_check=True)})
 * on a file; {@link #available()} tells whether {@code /usr/bin/python3} can import {@code onnx}.
 */
final class PythonOnnxChecker {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String CHECK = "import onnx,sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)";

    /** Exit status and output of one run. */
    record Outcome(int status, String output) {
    }

    private PythonOnnxChecker() {
    }

    static boolean available() {
        return Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c", "import onnx")).status() == 0;
    }

    static Outcome check(Path model) {
        return run(List.of(PYTHON, "-c", CHECK, model.toString()));
    }

    private static Outcome run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Outcome(-1, "timed out");
            }
            return new Outcome(p.exitValue(), out);
        } catch (IOException e) {
            return new Outcome(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, "interrupted");
        }
    }
}
