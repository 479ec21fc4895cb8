package org.hrmtext.app.backend;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.ports.BackendCapability;
import org.hrmtext.ports.BackendProvider;

/**
 * The installed backends by name, as collected by the command line's {@code BackendModule}. Configuration
 * ({@code backend.train}, {@code --backend}) names one; an unknown name is a user error that lists
 * the installed ones.
 *
 * <pre>{@code
 * BackendProvider djl = registry.select("djl");
 * }</pre>
 */
public final class BackendRegistry {
    private final Map<String, BackendProvider> providers;

    @Inject
    public BackendRegistry(Map<String, BackendProvider> providers) {
        this.providers = new TreeMap<>(providers);
    }

    /** The providers listed in {@code META-INF/services/org.hrmtext.ports.BackendProvider} on the class path. */
    public static List<BackendProvider> discover() {
        return ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    public BackendProvider select(String name) {
        BackendProvider p = providers.get(name);
        if (p == null) {
            throw new InvalidInputException("unknown backend \"" + name + "\"; installed: "
                    + (providers.isEmpty() ? "none" : String.join(", ", providers.keySet())));
        }
        return p;
    }

    /**
     * The backend named, when it can do {@code needed}; an unknown or unable one is a user error
     * that lists only the installed backends that can (e.g. no {@code onnx} for training).
     */
    public BackendProvider select(String name, BackendCapability needed) {
        List<String> able = providers.values().stream().filter(p -> p.capabilities().contains(needed))
                .map(BackendProvider::name).sorted().toList();
        BackendProvider p = providers.get(name);
        if (p == null || !p.capabilities().contains(needed)) {
            throw new InvalidInputException((p == null ? "unknown backend \"" + name + "\"" : "backend " + name + " cannot "
                    + verb(needed)) + "; installed backends that can " + verb(needed) + ": "
                    + (able.isEmpty() ? "none" : String.join(", ", able)));
        }
        return p;
    }

    private static String verb(BackendCapability c) {
        return switch (c) {
            case TRAIN -> "train";
            case SCORE -> "score";
            case GENERATE -> "generate";
            case EXPORT -> "export";
        };
    }

    /** The installed backend names, sorted. */
    public List<String> names() {
        return List.copyOf(providers.keySet());
    }
}
