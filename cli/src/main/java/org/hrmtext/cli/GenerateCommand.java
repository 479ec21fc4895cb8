package org.hrmtext.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.hrmtext.app.generate.GenerateJob;
import org.hrmtext.app.generate.GenerateUseCase;
import org.hrmtext.app.batch.ModelPaths;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.domain.text.Condition;
import org.hrmtext.formats.text.TokenizerInfo;
import org.hrmtext.inference.GenerationRequest;
import org.hrmtext.inference.GenerationResult;
import org.hrmtext.inference.HrmTextModel;
import org.hrmtext.inference.SamplingSettings;
import org.hrmtext.inference.tokenizer.ModelTokenizer;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;
import org.hrmtext.ports.Tokenizer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hrm generate}: continue a prompt with a model directory or an exported ONNX file. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Continue a prompt: prefill it as one bidirectional PrefixLM prefix, then decode token by token "
                + "with one KV cache per module call.",
                "With --prompt TEXT (a model with tokenizer files, or an ONNX file with them beside it) the prompt is "
                        + "<boq> condition… TEXT <eoq> (TEXT stripped; condition direct unless --condition says otherwise), "
                        + "generation stops at <eoa> (and the config's eos_token_id), which is dropped, and the answer text is printed; "
                        + "with --prompt-ids the new token ids are printed as they come.",
                "--json prints {\"new_tokens\": [...], \"text\": ..., \"tokens_per_s\": ...}."})
public final class GenerateCommand implements Callable<Integer> {
    @Mixin
    ComputeOptions compute;

    /** {@code --condition none}: the prompt carries no condition token. */
    static final String NO_CONDITION = "none";
    @Option(names = "--model", required = true, paramLabel = "DIR|FILE.onnx", description = "Model directory or exported ONNX file.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Prompt prompt;

    /** Exactly one of the two prompt forms. */
    static final class Prompt {
        @Option(names = "--prompt", paramLabel = "TEXT", description = "Prompt text (the instruction; needs a model with tokenizer files).")
        String text;

        @Option(names = "--prompt-ids", split = ",", paramLabel = "ID", description = "Prompt token ids, e.g. 1,4,12,2.")
        int[] ids;
    }

    @Option(names = "--condition", paramLabel = "NAME", description = "Condition token(s) put before --prompt text: direct "
            + "(the default), cot, synth, noisy or a list such as synth,cot (maths); none for no condition token.")
    String condition;

    @Option(names = "--max-new-tokens", defaultValue = "64", paramLabel = "N", description = "Most new tokens (default: ${DEFAULT-VALUE}).")
    int maxNewTokens;

    @Option(names = "--temperature", defaultValue = "0", paramLabel = "T", description = "0 = greedy (default).")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", paramLabel = "K", description = "Keep the K most likely tokens (0 = off).")
    int topK;

    @Option(names = "--top-p", defaultValue = "1", paramLabel = "P", description = "Nucleus sampling mass (1 = off).")
    double topP;

    @Option(names = "--min-p", defaultValue = "0", paramLabel = "P", description = "Drop tokens below P times the top probability (0 = off).")
    double minP;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Sampling seed.")
    long seed;

    @Option(names = "--guidance", defaultValue = "0", paramLabel = "W", description = "Auto-guidance weight w: (1+w)·logits(final z_H) − w·logits(first z_H).")
    double guidance;

    @Option(names = "--stop-ids", split = ",", paramLabel = "ID", description = "Token ids that end generation (e.g. the <eoa> id).")
    int[] stopIds = new int[0];




    @Option(names = "--context", defaultValue = "0", paramLabel = "N", description = "Context length bound (0 = the model's max_position_embeddings).")
    int context;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    private final GenerateUseCase useCase;
    private final TokenizerCatalog tokenizers;

    @Inject
    public GenerateCommand(GenerateUseCase useCase, TokenizerCatalog tokenizers) {
        this.useCase = useCase;
        this.tokenizers = tokenizers;
    }

    @Override
    public Integer call() {
        if (prompt.ids != null) {
            if (condition != null) {
                throw new InvalidInputException("--condition applies to --prompt text; with --prompt-ids put the condition "
                        + "token ids into the prompt");
            }
            return generate(prompt.ids, Optional.empty(), null);
        }
        Path home = ModelPaths.tokenizerHome(model);
        List<Condition> conds = condition == null ? List.of(Condition.DIRECT)
                : condition.strip().equals(NO_CONDITION) ? List.of() : Condition.parseList(condition);
        try (Tokenizer tok = ModelTokenizer.open(tokenizers, home).orElseThrow(() -> new InvalidInputException("--prompt needs a tokenizer ("
                + TokenizerInfo.FILE + " and/or " + TokenizerCatalog.TOKENIZER_JSON + ", as hrm train writes for text data), which "
                + home + " does not have; pass token ids with --prompt-ids"))) {
            return generate(tok.layout().instruction(conds, tok.encode(prompt.text.strip())), Optional.of(tok), home);
        }
    }

    /**
     * Generates from prompt ids; with a tokenizer, stops at {@code <eoa>} and the config's
     * {@code eos_token_id} and prints the decoded answer without them.
     */
    private int generate(int[] ids, Optional<Tokenizer> tok, Path home) {
        Set<Integer> stops = Arrays.stream(stopIds).boxed().collect(Collectors.toCollection(HashSet::new));
        tok.ifPresent(t -> stops.add(t.layout().eoa()));
        tok.ifPresent(t -> ModelTokenizer.ids(home).eos().ifPresent(stops::add));
        GenerationRequest request = new GenerationRequest(List.of(ids), maxNewTokens,
                new SamplingSettings(temperature, topK, topP, minP, seed), guidance, stops, List.of(),
                json || tok.isPresent() ? null : (row, token) -> System.out.print(token + " "));
        String name = compute.backendFor(model);
        GenerationResult r = useCase.run(new GenerateJob(model, name,
                new HrmTextModel.Options(name, compute.device(), compute.threads(), context), request));
        int[] newTokens = r.newTokens().get(0);
        Optional<String> text = tok.map(t -> t.decode(answer(newTokens, stops)));
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("new_tokens", Arrays.stream(newTokens).boxed().toList());
            out.put("text", text.orElse(null));
            out.put("tokens_per_s", r.decodeTokensPerSecond());
            out.put("prefill_ms", r.prefillMillis());
            out.put("cache_bytes", r.cacheBytes());
            out.put("stop_reason", r.stopReasons().get(0).name().toLowerCase(Locale.ROOT));
            System.out.print(JsonWriter.pretty(out));
        } else {
            System.out.println(text.orElse(""));
            System.err.printf("%d new tokens, %.1f tokens/s, prefill %.1f ms, KV cache %d bytes%n",
                    newTokens.length, r.decodeTokensPerSecond(), r.prefillMillis(), r.cacheBytes());
        }
        return 0;
    }

    /** The new tokens before the first stop token. */
    private static int[] answer(int[] tokens, Set<Integer> stops) {
        int end = 0;
        while (end < tokens.length && !stops.contains(tokens[end])) {
            end++;
        }
        return Arrays.copyOf(tokens, end);
    }
}
