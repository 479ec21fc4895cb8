package org.hrmtext.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hrmtext.app.engine.DataEngine;
import org.hrmtext.app.batch.BatchPrompt;
import org.hrmtext.app.generate.GenerateBatchUseCase;
import org.hrmtext.app.batch.GeneratedText;
import org.hrmtext.app.batch.ModelPaths;
import org.hrmtext.app.batch.ModelSettings;
import org.hrmtext.app.io.InputFiles;
import org.hrmtext.app.io.ResultFormat;
import org.hrmtext.formats.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hrm generate-batch}: greedy answers for many prompts, here or on a data engine. */
@Command(name = "generate-batch", mixinStandardHelpOptions = true,
        description = {"Greedy answers for prompts (JSONL or Parquet) {\"id\": ..., \"prompt\": ..., \"condition\": ...}, "
                + "in batches of " + org.hrmtext.app.generate.BatchGenerator.BATCH + ", each up to <eoa> or --max-new-tokens.",
                "Writes DIR/results.jsonl or DIR/results.parquet ({\"id\", \"output\", \"tokens\"} per prompt, in prompt order), all at once or not at all."})
public final class GenerateBatchCommand implements Callable<Integer> {
    @Mixin
    ComputeOptions compute;

    @Option(names = "--model", required = true, paramLabel = "DIR|FILE.onnx", description = "Model directory or ONNX file (tokenizer beside it).")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE|DIR",
            description = "Prompts: a JSONL (one JSON object a line) or Parquet file, or a directory of part files (with --engine spark: any Hadoop file system path).")
    String input;

    @Option(names = "--output-format", defaultValue = "jsonl", paramLabel = "jsonl|parquet",
            description = "DIR/results.jsonl or DIR/results.parquet (default: ${DEFAULT-VALUE}).")
    String outputFormat;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory (new, empty, or earlier output).")
    Path output;

    @Option(names = "--max-new-tokens", defaultValue = "64", paramLabel = "N", description = "Most tokens per answer (default: ${DEFAULT-VALUE}).")
    int maxNewTokens;



    @Mixin
    EngineOptions engine;

    @Option(names = "--json", description = "Print a JSON summary.")
    boolean json;

    private final GenerateBatchUseCase useCase;

    @Inject
    public GenerateBatchCommand(GenerateBatchUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public Integer call() {
        compute.requireCpu("hrm generate-batch");
        ModelPaths.tokenizerHome(model);
        ModelSettings settings = new ModelSettings(model.toString(), compute.backendFor(model), compute.threads());
        ResultFormat format = ResultFormat.of(outputFormat, null);
        List<GeneratedText> results;
        if (engine.local()) {
            results = useCase.run(BatchPrompt.read(input, InputFiles.read(Path.of(input))), settings, maxNewTokens, output, format);
        } else {
            try (DataEngine e = engine.open()) {
                results = useCase.run(BatchPrompt.read(input, e.lines(input)), settings, maxNewTokens, output, format, e);
            }
        }
        long tokens = results.stream().mapToLong(GeneratedText::tokens).sum();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("output", output.resolve(GenerateBatchUseCase.results(format)).toString());
            m.put("prompts", results.size());
            m.put("tokens", tokens);
            System.out.print(JsonWriter.pretty(m));
        } else {
            System.out.println("generated " + results.size() + " answers (" + tokens + " tokens): "
                    + output.resolve(GenerateBatchUseCase.results(format)));
        }
        return 0;
    }
}
