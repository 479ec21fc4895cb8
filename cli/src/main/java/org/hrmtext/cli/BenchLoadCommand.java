package org.hrmtext.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hrmtext.lab.bench.LoadBenchRequest;
import org.hrmtext.lab.bench.LoadBenchmark;
import org.hrmtext.formats.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrm bench load}: load time, peak RSS, first-token latency and decode rate of a release-layout checkpoint. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Write random weights of a preset in the released checkpoint's layout (BF16, fused attn. names, "
                + "list L_bp_cycles, the release's config.json and tokenizer files) in a child process, then per backend "
                + "load it in a fresh child process as a downloaded model is loaded (djl: the folder; onnx: a file "
                + "exported from it) and answer one prompt greedily: load seconds, peak RSS and its ratio to the fp32 "
                + "weight bytes, first-token latency, decode tokens/s. --preset xl-release is the released 1B shape "
                + "(4.8 GB of fp32 weights)."})
public final class BenchLoadCommand implements Callable<Integer> {
    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "small", description = "tiny, small, B, L, XL or xl-release (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--backends", split = ",", paramLabel = "djl,onnx", defaultValue = "djl,onnx", description = "Backends to run (default: ${DEFAULT-VALUE}).")
    List<String> backends;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Compute threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--new-tokens", paramLabel = "N", defaultValue = "16", description = "Tokens to decode (default: ${DEFAULT-VALUE}).")
    int newTokens;

    @Option(names = "--prompt", paramLabel = "TEXT", defaultValue = "What is the capital of France? Answer in one word.",
            description = "Prompt, condition direct (default: ${DEFAULT-VALUE}).")
    String prompt;

    @Option(names = "--json", description = "Print one JSON object per backend instead of text.")
    boolean json;

    @Option(names = "--write-release", hidden = true, paramLabel = "DIR")
    Path writeRelease;

    @Option(names = "--measure", hidden = true, paramLabel = "PATH")
    Path measure;

    @Override
    public Integer call() {
        String name = preset.equalsIgnoreCase("xl-release") ? "XL" : preset;
        if (writeRelease != null) {
            LoadBenchmark.writeRelease(name, writeRelease);
            return 0;
        }
        if (measure != null) {
            System.out.println(LoadBenchmark.measure(measure, backends.get(0), threads, newTokens, prompt));
            return 0;
        }
        LoadBenchmark.run(new LoadBenchRequest(name, backends, threads, newTokens, prompt), r -> {
            System.out.print(json ? JsonWriter.compact(r.toJson()) + System.lineSeparator() : r.text());
            System.out.flush();
        });
        return 0;
    }
}
