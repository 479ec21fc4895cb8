package org.hrmtext.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hrmtext.app.data.PrepareRequest;
import org.hrmtext.app.data.PrepareStats;
import org.hrmtext.app.data.PrepareUseCase;
import org.hrmtext.app.engine.DataEngine;
import org.hrmtext.formats.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hrm prepare}: tokenizes instruction→response JSONL into a prepared, memory-mapped dataset. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = {"Tokenize JSONL lines {\"instruction\": ..., \"response\": ..., \"condition\": \"direct|cot|synth|noisy[,...]\"} "
                + "as <boq> condition… instruction <eoq> / response <eoa>.",
                "Writes DIR/tokens.bin, samples.bin, order-<epoch>.bin, dataset.json, stats.json and the tokenizer files "
                        + "(tokenizer_info.json, and tokenizer.json for a Hugging Face tokenizer), all at once or not at all; "
                        + "with --format v1 the reference trainer's layout (tokens.npy, epoch_E/*.npy, metadata.json).",
                "With --engine spark the lines are tokenized on Apache Spark; the dataset is the same byte for byte."})
public final class PrepareCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE|DIR",
            description = "Instruction data: a JSONL file (one JSON object a line), a Parquet file, or a directory of such part files "
                    + "read in name order (with --engine spark: any Hadoop file system path).")
    String input;

    @Option(names = "--tokenizer", defaultValue = "byte", paramLabel = "PATH|byte",
            description = "byte (built in, 263 ids), a tokenizer.json, or a directory with tokenizer.json and/or tokenizer_info.json (default: ${DEFAULT-VALUE}).")
    String tokenizer;

    @Option(names = "--special", paramLabel = "ROLE=NAME",
            description = "Rename a special token: ROLE is boq, eoq, eoa, direct, cot, synth or noisy, e.g. --special eoa='</s>'.")
    Map<String, String> special = new LinkedHashMap<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (new, empty, or an earlier prepared dataset).")
    Path out;

    @Option(names = "--epochs", defaultValue = "4", paramLabel = "N", description = "Per-epoch shuffled orders to write (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the shuffles (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-len", defaultValue = "0", paramLabel = "N",
            description = "Most tokens a sample may take in a packed row, |instruction| + |response| - 1 (use train.seq_len; 0 = no limit).")
    int maxLen;

    @Option(names = "--on-error", defaultValue = "fail", paramLabel = "fail|skip",
            description = "A malformed line (not UTF-8, not JSON, missing field) fails the run, naming each, or is skipped and counted (default: ${DEFAULT-VALUE}).")
    PrepareRequest.OnError onError;

    @Option(names = "--overlong", defaultValue = "drop", paramLabel = "truncate|drop",
            description = "A sample longer than --max-len is dropped or its response cut (default: ${DEFAULT-VALUE}).")
    PrepareRequest.Overlong overlong;

    @Option(names = "--format", defaultValue = "hrm", paramLabel = "hrm|v1",
            description = "Dataset layout: hrm (this project's) or v1 (the reference trainer's: tokens.npy, epoch_E/*.npy, metadata.json; "
                    + "lines without a condition get direct) (default: ${DEFAULT-VALUE}).")
    PrepareRequest.Format format;

    @Option(names = "--context-size", defaultValue = "" + PrepareRequest.V1_CONTEXT, paramLabel = "N",
            description = "v1: metadata.json max_seq_len; every instruction + response must be shorter (default: ${DEFAULT-VALUE}).")
    int contextSize;

    @Mixin
    EngineOptions engine;

    @Option(names = "--json", description = "Print the statistics as JSON.")
    boolean json;

    private final PrepareUseCase useCase;

    @Inject
    public PrepareCommand(PrepareUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public Integer call() {
        PrepareRequest request = new PrepareRequest(Path.of(input), tokenizer, special, out, epochs, seed, maxLen, onError,
                overlong, format, contextSize);
        PrepareStats s;
        if (engine.local()) {
            s = useCase.run(request);
        } else {
            try (DataEngine e = engine.open()) {
                s = useCase.run(request, e.samples(input));
            }
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("out", out.toString());
            m.putAll(s.toJson());
            System.out.print(JsonWriter.pretty(m));
        } else {
            System.out.println("prepared " + out + ": " + s.summary());
        }
        return 0;
    }
}
