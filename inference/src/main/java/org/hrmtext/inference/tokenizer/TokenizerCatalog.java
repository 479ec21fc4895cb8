package org.hrmtext.inference.tokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.text.SpecialTokens;
import org.hrmtext.formats.text.TokenizerInfo;
import org.hrmtext.ports.Tokenizer;
import org.hrmtext.ports.TokenizerProvider;

/**
 * Opens tokenizers: the built-in {@code byte} tokenizer, or a tokenizer file read by one of the
 * installed {@link TokenizerProvider}s (found by {@link java.util.ServiceLoader}, or handed in by
 * a composition root). Special-token names come from a {@code tokenizer_info.json} beside the file
 * (either layout, see {@link TokenizerInfo}), else the defaults of the tokenizer kind
 * ({@link SpecialTokens#reference()} for {@code tokenizer.json}), then any renames.
 *
 * <pre>{@code
 * TokenizerCatalog catalog = TokenizerCatalog.installed();
 * try (Tokenizer t = catalog.open("byte", Map.of())) { ... }
 * Optional<Tokenizer> saved = catalog.openSaved(modelDir);
 * }</pre>
 */
public final class TokenizerCatalog {
    /** The Hugging Face tokenizer file of a model or dataset directory. */
    public static final String TOKENIZER_JSON = "tokenizer.json";
    private final Set<TokenizerProvider> providers;

    public TokenizerCatalog(Collection<TokenizerProvider> providers) {
        this.providers = Set.copyOf(providers);
    }

    /** A catalog of the providers on the class path. */
    public static TokenizerCatalog installed() {
        return new TokenizerCatalog(discover());
    }

    /** The providers listed in {@code META-INF/services/org.hrmtext.ports.TokenizerProvider} on the class path. */
    public static List<TokenizerProvider> discover() {
        return ServiceLoader.load(TokenizerProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** Whether {@code dir} holds tokenizer files ({@code tokenizer.json} and/or {@code tokenizer_info.json}). */
    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(TokenizerInfo.FILE)) || Files.isRegularFile(dir.resolve(TOKENIZER_JSON));
    }

    /**
     * {@code spec} is {@code byte}, a tokenizer file, or a directory holding {@code tokenizer.json}
     * and/or {@code tokenizer_info.json}; {@code renames} maps roles (boq, eoq, eoa, direct, cot,
     * synth, noisy) to other token names.
     */
    public Tokenizer open(String spec, Map<String, String> renames) {
        if (spec.equals(ByteLevelTokenizer.TYPE)) {
            return new ByteLevelTokenizer(SpecialTokens.byteLevel().with(renames));
        }
        Path path = Path.of(spec);
        if (Files.isDirectory(path)) {
            if (!present(path)) {
                throw new InvalidInputException(path + ": no " + TOKENIZER_JSON + " or " + TokenizerInfo.FILE);
            }
            return openIn(path, path.resolve(TOKENIZER_JSON), renames);
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException("--tokenizer " + spec + ": expected \"byte\", a tokenizer.json file or a directory with one");
        }
        return openIn(path.toAbsolutePath().getParent(), path, renames);
    }

    /** The tokenizer saved in a dataset or model directory, if it has one. */
    public Optional<Tokenizer> openSaved(Path dir) {
        return present(dir) ? Optional.of(openIn(dir, dir.resolve(TOKENIZER_JSON), Map.of())) : Optional.empty();
    }

    private Tokenizer openIn(Path dir, Path file, Map<String, String> renames) {
        Path infoFile = dir.resolve(TokenizerInfo.FILE);
        Optional<TokenizerInfo> info = Files.isRegularFile(infoFile) ? Optional.of(TokenizerInfo.read(infoFile)) : Optional.empty();
        SpecialTokens names = info.map(TokenizerInfo::names).orElse(SpecialTokens.reference()).with(renames);
        if (info.isPresent() && info.get().type().equals(ByteLevelTokenizer.TYPE)) {
            return new ByteLevelTokenizer(names);
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(infoFile + ": names a tokenizer file, but " + file + " does not exist");
        }
        return providers.stream().filter(p -> p.supports(file)).findFirst()
                .orElseThrow(() -> new InvalidInputException(file + ": no installed tokenizer can read it; installed: "
                        + (providers.isEmpty() ? "none (add hrm-adapters-hf-tokenizers to the class path)"
                                : providers.stream().map(TokenizerProvider::name).sorted().toList())))
                .open(file, names);
    }
}
