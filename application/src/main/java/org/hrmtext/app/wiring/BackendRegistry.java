package org.hrmtext.app.wiring;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.ports.BackendProvider;

/**
 * The installed backends by name, as collected by {@link BackendModule}. Configuration
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

    /** The installed backend names, sorted. */
    public List<String> names() {
        return List.copyOf(providers.keySet());
    }
}
