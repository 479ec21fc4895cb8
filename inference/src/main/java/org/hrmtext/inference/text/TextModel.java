package org.hrmtext.inference.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.PublicApi;
import org.hrmtext.formats.config.SpecialTokenIds;
import org.hrmtext.formats.text.TokenizerInfo;
import org.hrmtext.inference.GenerationRequest;
import org.hrmtext.inference.GenerationResult;
import org.hrmtext.inference.HrmTextModel;
import org.hrmtext.inference.tokenizer.ModelTokenizer;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;
import org.hrmtext.ports.Tokenizer;

/**
 * Text in, text out: an HRM-Text model with its tokenizer, answering questions in the format it
 * was trained on ({@code <boq> condition… prompt <eoq>}, prefilled as one bidirectional prefix,
 * ended at {@code <eoa>} or the config's {@code eos_token_id}, which is dropped from the text). Load once, share between threads: each
 * call has its own KV caches and decoder. Token-id calls stay available through {@link #model()}.
 *
 * <pre>{@code
 * try (TextModel hrm = TextModel.load(Path.of("HRM-Text-1B"))) {
 *     TextResult r = hrm.generate(TextRequest.builder("What is the capital of France?").maxNewTokens(32).build());
 *     System.out.println(r.text() + " (" + r.finishReason() + ")");
 *     hrm.stream(TextRequest.of("Tell me a story."), System.out::print);
 * }
 * }</pre>
 */
@PublicApi
public final class TextModel implements AutoCloseable {
    private final HrmTextModel model;
    private final Tokenizer tokenizer;
    private final Set<Integer> endTokens;

    private TextModel(HrmTextModel model, Tokenizer tokenizer, SpecialTokenIds ids) {
        this.model = model;
        this.tokenizer = tokenizer;
        int vocab = model.config().vocabSize();
        if (tokenizer.vocabularySize() > vocab) {
            throw new InvalidInputException("tokenizer: " + tokenizer.vocabularySize() + " ids do not fit the model's vocab_size "
                    + vocab);
        }
        Set<Integer> ends = new HashSet<>(Set.of(tokenizer.layout().eoa()));
        ids.eos().ifPresent(ends::add);
        this.endTokens = Set.copyOf(ends);
    }

    /** Loads a model directory, or an exported {@code .onnx} file with the tokenizer files beside it, on the preferred backend. */
    public static TextModel load(Path model) {
        return load(model, HrmTextModel.Options.defaults());
    }

    public static TextModel load(Path model, HrmTextModel.Options options) {
        if (!Files.exists(model)) {
            throw new InvalidInputException(model + ": no such model directory or file");
        }
        return load(model, Files.isDirectory(model) ? model : model.toAbsolutePath().getParent(), options);
    }

    /**
     * Loads a model (directory or {@code .onnx}) and the tokenizer files of {@code tokenizerDir},
     * checked against the token ids of the {@code config.json} there ({@link ModelTokenizer}).
     */
    public static TextModel load(Path model, Path tokenizerDir, HrmTextModel.Options options) {
        Tokenizer tokenizer = ModelTokenizer.open(TokenizerCatalog.installed(), tokenizerDir).orElseThrow(() -> new InvalidInputException(
                tokenizerDir + ": no tokenizer files (" + TokenizerCatalog.TOKENIZER_JSON + " and/or " + TokenizerInfo.FILE + ")"));
        try {
            return of(HrmTextModel.load(model, options), tokenizer, ModelTokenizer.ids(tokenizerDir));
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /**
     * A loaded model and an open tokenizer, both owned (and closed) by the result from now on;
     * generation also stops at {@code ids.eos()} (the config's {@code eos_token_id}).
     */
    public static TextModel of(HrmTextModel model, Tokenizer tokenizer, SpecialTokenIds ids) {
        try {
            return new TextModel(model, tokenizer, ids);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Answers a request. */
    public TextResult generate(TextRequest request) {
        return stream(request, null);
    }

    /** Answers a request, handing {@code listener} the text as it is generated (see {@link TextListener}). */
    public TextResult stream(TextRequest request, TextListener listener) {
        int[] prompt = promptIds(request);
        TextDecoder decoder = new TextDecoder(tokenizer, endTokens, request.stopStrings(), listener);
        GenerationResult r = model.generate(new GenerationRequest(List.of(prompt), request.maxNewTokens(), request.sampling(),
                request.guidance(), endTokens, List.of(), null, (row, token) -> decoder.add(token)));
        String text = decoder.finish();
        FinishReason reason = switch (r.stopReasons().get(0)) {
            case STOP_TOKEN -> FinishReason.STOP_TOKEN;
            case STOP_SEQUENCE -> FinishReason.STOP_STRING;
            case TOKEN_LIMIT -> FinishReason.LENGTH;
        };
        return new TextResult(text, r.newTokens().get(0), prompt.length, r.prefillMillis(), r.decodeTokensPerSecond(), reason);
    }

    /** The prompt ids of a request: {@code <boq> condition… encode(prompt) <eoq>}. */
    public int[] promptIds(TextRequest request) {
        return tokenizer.layout().instruction(request.conditions(), tokenizer.encode(request.prompt()));
    }

    /** The token-id model underneath. */
    public HrmTextModel model() {
        return model;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            tokenizer.close();
        }
    }
}
