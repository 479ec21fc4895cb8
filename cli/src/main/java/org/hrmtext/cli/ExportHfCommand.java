package org.hrmtext.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hrmtext.app.export.HfExporter;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.safetensors.SafetensorsWriter.Dtype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrm export-hf}: a model directory in the Hugging Face {@code hrm_text} layout. */
@Command(name = "export-hf", mixinStandardHelpOptions = true,
        description = {"Write a model directory that the transformers hrm_text model loads: config.json keys (architectures, "
                + "bos/eos/pad token ids from the folder's tokenizer and config), generation_config.json (eos = <eoa>), "
                + "split or fused (release) tensor names, float32 (bit-exact round trip) or bfloat16, tokenizer files "
                + "with a tokenizer_config.json. hrm models only."})
public final class ExportHfCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory to export.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write (replaced atomically).")
    Path out;

    @Option(names = "--dtype", defaultValue = "F32", paramLabel = "F32|BF16", description = "Weight storage type (default: ${DEFAULT-VALUE}).")
    Dtype dtype;

    @Option(names = "--layout", defaultValue = "split", paramLabel = "split|fused",
            description = "Tensor names: split (transformers' self_attn.{gate,q,k,v}_proj) or fused (the release's "
                    + "attn.gqkv_proj, mlp.gate_up_proj) (default: ${DEFAULT-VALUE}).")
    String layout;

    @Override
    public Integer call() {
        HfExporter.Layout l = switch (layout) {
            case "split" -> HfExporter.Layout.SPLIT;
            case "fused" -> HfExporter.Layout.FUSED;
            default -> throw new InvalidInputException("--layout " + layout + ": expected split or fused");
        };
        HfExporter.export(model, out, dtype, l);
        System.out.println("wrote " + out);
        return 0;
    }
}
