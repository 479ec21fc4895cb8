package org.hrmtext.tests.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hrmtext.cli.HrmCommand;
import org.hrmtext.lab.study.GradientNorms;
import org.hrmtext.app.backend.BackendRegistry;
import org.hrmtext.cli.wiring.Composition;
import org.hrmtext.formats.json.Json;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.domain.training.AdamAtan2Settings;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-tensor gradient norms the study measures (its paired comparison goes through
 * {@link GradientNorms}) are those {@code hrm score} prints, on the golden weights and batches of
 * every architecture, at every listed backprop depth, on every training backend.
 */
class StudyScorePathTest {
    private static final double RELATIVE = 1e-9;
    private static final Injector INJECTOR = Composition.injector();

    static Stream<Arguments> cases() {
        return Stream.of("djl", "tensorflow").flatMap(b -> Stream.of("golden/hrm", "golden/ut", "golden/rins", "golden/trm",
                "golden/transformer").map(a -> Arguments.of(b, a)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void studyNormsEqualHrmScore(String backend, String arch, @TempDir Path tmp) throws IOException {
        GoldenCase golden = GoldenCase.load(arch);
        List<String> failures = new ArrayList<>();
        try (Trainer trainer = INJECTOR.getInstance(BackendRegistry.class).select(backend).openTrainer(
                TrainerSpec.fresh(golden.weights(), AdamAtan2Settings.pretraining()), BackendOptions.cpu(1))) {
            for (String depth : golden.depths()) {
                int k = Integer.parseInt(depth);
                RecurrenceSchedule schedule = RecurrenceSchedule.of(golden.config(),
                        k == 0 ? RecurrenceSchedule.ownCredit(golden.config()) : RecurrenceSchedule.creditForDepth(golden.config(), k));
                Map<String, Double> study = GradientNorms.of(trainer, golden.batch(), schedule).perTensor();
                Map<String, Object> printed = score(golden, backend, k, tmp.resolve("score-" + depth + ".json"));
                assertEquals(printed.keySet(), study.keySet(), arch + " bp " + depth + ": tensor names");
                printed.forEach((name, v) -> {
                    double expected = ((Number) v).doubleValue();
                    if (!(Math.abs(study.get(name) - expected) <= RELATIVE * Math.max(expected, 1e-12))) {
                        failures.add("bp " + depth + " " + name + ": study " + study.get(name) + ", hrm score " + expected);
                    }
                });
            }
        }
        assertTrue(failures.isEmpty(), arch + ": " + String.join("\n", failures));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> score(GoldenCase golden, String backend, int bpSteps, Path out) throws IOException {
        List<String> args = new ArrayList<>(List.of("score", "--model", golden.dir().toString(), "--batch",
                golden.dir().resolve("batch.json").toString(), "--backend", backend, "--threads", "1", "--out", out.toString()));
        if (bpSteps > 0) {
            args.addAll(List.of("--bp-steps", String.valueOf(bpSteps)));
        }
        assertEquals(0, HrmCommand.execute(INJECTOR, args.toArray(String[]::new)), "hrm score exit code");
        return (Map<String, Object>) Json.parseObject(Files.readString(out, StandardCharsets.UTF_8)).get("grad_norms");
    }
}
