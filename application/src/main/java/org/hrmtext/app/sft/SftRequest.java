package org.hrmtext.app.sft;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One fine-tuning run: the checkpoint or model directory to start from, the data, the output,
 * an optional YAML (defaults: the bundled {@code sft.yaml}) with overrides, the tokenizer for
 * text JSONL, and whether to swap the EMA weights in (which also resets the optimizer) or to
 * reset the optimizer alone, and whether an output directory holding a run may be replaced.
 */
public record SftRequest(Path from, Path data, Path out, Optional<Path> config, List<String> overrides,
        Optional<String> tokenizer, boolean useEma, boolean resetOptimizer, boolean overwrite) {

    public SftRequest {
        overrides = List.copyOf(overrides);
    }
}
