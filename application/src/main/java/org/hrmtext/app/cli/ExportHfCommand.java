package org.hrmtext.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hrmtext.app.export.HfExporter;
import org.hrmtext.domain.model.SafetensorsWriter.Dtype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrm export-hf}: a model directory in the Hugging Face {@code hrm_text} layout. */
@Command(name = "export-hf", mixinStandardHelpOptions = true,
        description = {"Write a model directory that the transformers hrm_text model loads: config.json keys, split "
                + "tensor names, float32 (bit-exact round trip) or bfloat16, tokenizer files carried over."})
public final class ExportHfCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory to export.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write (replaced atomically).")
    Path out;

    @Option(names = "--dtype", defaultValue = "F32", paramLabel = "F32|BF16", description = "Weight storage type (default: ${DEFAULT-VALUE}).")
    Dtype dtype;

    @Override
    public Integer call() {
        HfExporter.export(model, out, dtype);
        System.out.println("wrote " + out);
        return 0;
    }
}
