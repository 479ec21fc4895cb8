package org.hrmtext.app.data;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.hrmtext.app.AppVersion;
import org.hrmtext.app.checkpoint.SourceModel;
import org.hrmtext.app.io.AtomicDirectory;
import org.hrmtext.app.text.TokenizerFiles;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.formats.json.JsonWriter;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;
import org.hrmtext.ports.Tokenizer;

/**
 * {@code hrm prepare}: tokenizes an instruction→response JSONL into a prepared dataset directory
 * ({@link PreparedDataset}, plus the tokenizer files and {@code stats.json}), written into a
 * temporary directory and renamed into place, so a failed run leaves nothing behind. With
 * {@link PrepareRequest.OnError#FAIL} any malformed line fails the run, naming every such line.
 *
 * <pre>{@code
 * PrepareStats s = useCase.run(new PrepareRequest(in, "byte", Map.of(), out, 4, 0, 256, OnError.FAIL, Overlong.DROP));
 * }</pre>
 */
public final class PrepareUseCase {
    private static final int ERRORS_SHOWN = 10;
    private final TokenizerCatalog tokenizers;

    @Inject
    public PrepareUseCase(TokenizerCatalog tokenizers) {
        this.tokenizers = tokenizers;
    }

    public PrepareStats run(PrepareRequest request) {
        return run(request, SampleSource.LOCAL);
    }

    /** Prepares the samples {@code source} makes of the request's input. */
    public PrepareStats run(PrepareRequest request, SampleSource source) {
        checkOutput(request.out());
        PrepareStats stats = new PrepareStats();
        try (Tokenizer tokenizer = tokenizers.open(request.tokenizer(), request.specialTokens())) {
            AtomicDirectory.replace(request.out(), tmp -> {
                try (SampleWriter writer = request.format() == PrepareRequest.Format.V1 ? new V1DatasetWriter(tmp)
                        : new DatasetWriter(tmp)) {
                    source.make(request, tokenizer, stats, s -> add(writer, s));
                    checkUsable(request, stats);
                    writer.writeOrders(request.epochs(), request.seed());
                }
                TokenizerFiles.save(tokenizer, tmp);
                if (request.format() == PrepareRequest.Format.V1) {
                    V1Metadata.of(tokenizer, request.out(), request.contextSize(), stats.tokens()).write(tmp);
                } else {
                    DatasetManifest manifest = new DatasetManifest(stats.samples(), stats.tokens(), request.epochs(),
                            request.seed(), tokenizer.type(), tokenizer.vocabularySize());
                    Files.writeString(tmp.resolve(DatasetManifest.FILE), manifest.toJson(), StandardCharsets.UTF_8);
                }
                Files.writeString(tmp.resolve(PreparedDataset.STATS), JsonWriter.pretty(statsJson(request, tokenizer, stats)),
                        StandardCharsets.UTF_8);
            });
        }
        return stats;
    }

    private static void add(SampleWriter writer, Sample s) {
        try {
            writer.add(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkUsable(PrepareRequest request, PrepareStats stats) {
        if (stats.malformedCount() > 0 && request.onError() == PrepareRequest.OnError.FAIL) {
            throw new InvalidInputException(request.input() + ": " + stats.malformedCount() + " malformed line"
                    + (stats.malformedCount() > 1 ? "s" : "") + ", nothing written (--on-error skip skips them): "
                    + String.join("; ", stats.malformedLines().subList(0, Math.min(ERRORS_SHOWN, stats.malformedLines().size())))
                    + (stats.malformedCount() > ERRORS_SHOWN ? "; …" : "")
                    + (stats.droppedAndTruncated().isEmpty() ? "" : "; besides, " + stats.droppedAndTruncated()));
        }
        if (request.format() == PrepareRequest.Format.V1 && stats.longest() + 1 >= request.contextSize()) {
            throw new InvalidInputException(request.input() + ": the longest sample has " + (stats.longest() + 1)
                    + " tokens (instruction + response) but --context-size is " + request.contextSize()
                    + "; raise --context-size or limit samples with --max-len");
        }
        if (stats.samples() == 0) {
            throw new InvalidInputException(request.input() + ": no usable samples (" + stats.summary()
                    + "); expected JSON lines {\"instruction\": ..., \"response\": ...}");
        }
    }

    /** Refuses to replace a directory that is not an earlier prepared dataset. */
    private static void checkOutput(Path out) {
        if (!Files.isDirectory(out) || PreparedDataset.isPrepared(out) || V1Dataset.isV1(out)) {
            return;
        }
        try (Stream<Path> entries = Files.list(out)) {
            if (entries.findAny().isPresent()) {
                throw new InvalidInputException("--out " + out + ": a non-empty directory that is not a prepared dataset; "
                        + "choose a new or empty directory");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + out + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> statsJson(PrepareRequest r, Tokenizer tokenizer, PrepareStats stats) {
        Map<String, Object> m = new LinkedHashMap<>();
        Path input = r.input().toAbsolutePath().normalize();
        m.put("input", input.getFileName() == null ? "" : input.getFileName().toString());
        if (Files.isRegularFile(input)) {
            m.put("input_sha256", SourceModel.ofFile(input).sha256());
        }
        m.put("hrm_version", AppVersion.version());
        m.put("tokenizer", tokenizer.type());
        m.put("vocab_size", tokenizer.vocabularySize());
        m.put("epochs", r.epochs());
        m.put("seed", r.seed());
        m.put("max_len", r.maxLen());
        m.put("on_error", r.onError().name().toLowerCase(Locale.ROOT));
        m.put("overlong", r.overlong().name().toLowerCase(Locale.ROOT));
        if (r.format() == PrepareRequest.Format.V1) {
            m.put("format", "v1");
            m.put("context_size", r.contextSize());
        }
        m.putAll(stats.toJson());
        return m;
    }
}
