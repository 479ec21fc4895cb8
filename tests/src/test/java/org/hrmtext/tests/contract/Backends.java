package org.hrmtext.tests.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.BackendProvider;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The backends the golden contract runs against, found through {@link ServiceLoader} by name as
 * the application finds them. A new training backend joins the suite by adding its name here.
 */
final class Backends {
    static final List<String> UNDER_TEST = List.of("djl", "tensorflow");
    /**
     * Test-resource folders: the golden vectors of the five architectures, and independent
     * reference vectors of the same oracle on other configurations and seeds.
     */
    static final List<String> CASES = List.of("golden/hrm", "golden/ut", "golden/rins", "golden/trm",
            "golden/transformer", "reference/hrm-h3l2", "reference/trm-h2l2", "reference/ut-c3", "reference/rins-l5",
            "reference/transformer-l3");

    private Backends() {
    }

    /** Every (backend, golden architecture) pair. */
    static Stream<Arguments> goldenCases() {
        return UNDER_TEST.stream().flatMap(b -> CASES.stream().map(a -> Arguments.of(b, a)));
    }

    static Stream<String> names() {
        return UNDER_TEST.stream();
    }

    static BackendProvider provider(String name) {
        List<String> installed = new ArrayList<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equals(name)) {
                return p;
            }
            installed.add(p.name());
        }
        throw new AssertionError("no backend named " + name + "; installed: " + installed);
    }

    /** A fresh trainer on the golden weights with the golden optimizer settings, one CPU thread. */
    static Trainer open(String backend, GoldenCase golden) {
        return provider(backend).openTrainer(TrainerSpec.fresh(golden.weights(), golden.optimizer()), BackendOptions.cpu(1));
    }
}
