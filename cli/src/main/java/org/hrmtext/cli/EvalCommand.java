package org.hrmtext.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hrmtext.app.eval.EvalJob;
import org.hrmtext.app.batch.EvalMode;
import org.hrmtext.app.eval.EvalReport;
import org.hrmtext.app.eval.EvalUseCase;
import org.hrmtext.app.engine.DataEngine;
import org.hrmtext.app.io.ResultFormat;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hrm eval}: exact match, multiple choice by generation, or by log-likelihood. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a model on JSONL items: exact ({\"instruction\", \"response\"}: greedy response must equal "
                + "the reference), choice ({\"instruction\", \"choices\", \"answer\"}: the model writes one letter; an invalid "
                + "answer scores 1/number of choices) or loglik (the most likely choice wins).",
                "Writes one row of results per item ({\"id\", \"line\", \"kind\", \"score\", \"output\"}) as JSON lines or Parquet."})
public final class EvalCommand implements Callable<Integer> {
    @Mixin
    ComputeOptions compute;

    @Option(names = "--model", required = true, paramLabel = "DIR|FILE.onnx", description = "Model directory or ONNX file (tokenizer beside it).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE|DIR",
            description = "Evaluation items: a JSONL or Parquet file, or a directory of part files (with --engine spark: any Hadoop file system path).")
    String data;

    @Option(names = "--mode", defaultValue = "EXACT", paramLabel = "exact|choice|loglik", description = "Scoring (default: exact).")
    EvalMode mode;

    @Option(names = "--condition", paramLabel = "NAME", description = "Condition tokens for every prompt, e.g. direct.")
    String condition;



    @Option(names = "--results", paramLabel = "FILE.jsonl|FILE.parquet", description = "Per-item results (default: DATA.results.jsonl).")
    Path results;

    @Option(names = "--output-format", paramLabel = "jsonl|parquet", description = "Results format (default: by --results' ending, else jsonl).")
    String outputFormat;

    @Mixin
    EngineOptions engine;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    private final EvalUseCase useCase;

    @Inject
    public EvalCommand(EvalUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public Integer call() {
        compute.requireCpu("hrm eval");
        String name = compute.backendFor(model);
        ResultFormat format = ResultFormat.of(outputFormat, results);
        if (results == null && data.contains("://")) {
            throw new InvalidInputException("--data " + data + ": not a local path; give --results FILE for the per-item results");
        }
        Path out = results != null ? results : Path.of(data.replaceAll("/+$", "") + ".results" + format.extension());
        EvalJob job = new EvalJob(model, data, mode, condition, name, compute.threads(), out, format);
        EvalReport r;
        if (engine.local()) {
            r = useCase.run(job);
        } else {
            try (DataEngine e = engine.open()) {
                r = useCase.run(job, e);
            }
        }
        if (json) {
            System.out.print(JsonWriter.pretty(r.toJson()));
        } else {
            String byKind = r.byKind().entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", "));
            System.out.printf(Locale.ROOT, "%s score %.4f over %d items%s; results: %s%n", r.mode().name().toLowerCase(Locale.ROOT),
                    r.score(), r.items(), byKind.isEmpty() ? "" : " (" + byKind + ")", r.results());
        }
        return 0;
    }
}
