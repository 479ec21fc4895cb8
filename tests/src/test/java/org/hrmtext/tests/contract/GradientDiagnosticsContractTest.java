package org.hrmtext.tests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hrmtext.domain.diagnostics.EffectiveDepth;
import org.hrmtext.domain.diagnostics.GradientGroup;
import org.hrmtext.domain.diagnostics.GradientStatistics;
import org.hrmtext.domain.diagnostics.MagnitudeStatistics;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.ports.StepPlan;
import org.hrmtext.ports.StepResult;
import org.hrmtext.ports.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradient diagnostics on every backend: the statistics of a diagnostic step are consistent with
 * the golden per-tensor gradient norms (global and per group), ordered, and the same on every
 * backend; the effective-depth probe agrees across backends and ends with zero KL at the final call.
 */
class GradientDiagnosticsContractTest {
    private static final List<String> ARCHS = List.of("golden/hrm", "golden/ut", "golden/rins", "golden/trm",
            "golden/transformer");
    private static final double ACROSS_BACKENDS = 1e-3;

    static Stream<Arguments> cases() {
        return Backends.UNDER_TEST.stream().flatMap(b -> ARCHS.stream().map(a -> Arguments.of(b, a)));
    }

    static Stream<String> archs() {
        return ARCHS.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void statisticsMatchTheGoldenGradientNorms(String backend, String arch) {
        GoldenCase golden = GoldenCase.load(arch);
        RecurrenceSchedule schedule = golden.schedule(golden.deepest());
        GradientStatistics s;
        try (Trainer t = Backends.open(backend, golden)) {
            s = diagnosticStep(t, golden, schedule).statistics().orElseThrow();
        }
        Map<String, Object> norms = golden.gradNorms(golden.deepest());
        double[] groupSquares = new double[GradientGroup.values().length];
        norms.forEach((name, n) -> {
            double v = ((Number) n).doubleValue();
            if (v > 0) {
                groupSquares[GradientGroup.of(name).ordinal()] += v * v;
            }
        });
        double total = 0;
        for (GradientGroup g : GradientGroup.values()) {
            total += groupSquares[g.ordinal()];
            MagnitudeStatistics gs = s.groups().get(g);
            if (groupSquares[g.ordinal()] == 0) {
                assertTrue(gs == null, arch + ": group " + g.key() + " has no gradient but statistics");
                continue;
            }
            assertTrue(Tolerance.relativeClose(Math.sqrt(groupSquares[g.ordinal()]), gs.norm(), Tolerance.GRAD_NORM_RELATIVE),
                    arch + " " + g.key() + ": norm " + gs.norm() + " vs golden " + Math.sqrt(groupSquares[g.ordinal()]));
            assertOrdered(arch + " " + g.key(), gs);
        }
        assertTrue(Tolerance.relativeClose(Math.sqrt(total), s.all().norm(), Tolerance.GRAD_NORM_RELATIVE),
                arch + ": global norm " + s.all().norm() + " vs golden " + Math.sqrt(total));
        assertOrdered(arch, s.all());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("archs")
    void everyBackendComputesTheSameStatisticsAndProbe(String arch) {
        GoldenCase golden = GoldenCase.load(arch);
        RecurrenceSchedule schedule = golden.schedule(golden.deepest());
        List<GradientStatistics> stats = new ArrayList<>();
        List<EffectiveDepth> probes = new ArrayList<>();
        for (String backend : Backends.UNDER_TEST) {
            try (Trainer t = Backends.open(backend, golden)) {
                probes.add(t.probe(golden.batch(), schedule));
                stats.add(diagnosticStep(t, golden, schedule).statistics().orElseThrow());
            }
        }
        List<String> failures = new ArrayList<>();
        for (int b = 1; b < stats.size(); b++) {
            compare("all", stats.get(0).all(), stats.get(b).all(), failures);
            assertEquals(stats.get(0).groups().keySet(), stats.get(b).groups().keySet(), arch + ": groups");
            for (GradientGroup g : stats.get(0).groups().keySet()) {
                compare(g.key(), stats.get(0).groups().get(g), stats.get(b).groups().get(g), failures);
            }
            List<EffectiveDepth.Call> a = probes.get(0).calls();
            List<EffectiveDepth.Call> o = probes.get(b).calls();
            assertEquals(a.size(), o.size(), arch + ": probe calls");
            for (int i = 0; i < a.size(); i++) {
                close("change " + a.get(i).label(), a.get(i).relativeChange(), o.get(i).relativeChange(), failures);
                close("cosine " + a.get(i).label(), a.get(i).cosine(), o.get(i).cosine(), failures);
                if (Math.abs(a.get(i).logitLensKl() - o.get(i).logitLensKl()) > 1e-5) {
                    close("kl " + a.get(i).label(), a.get(i).logitLensKl(), o.get(i).logitLensKl(), failures);
                }
            }
        }
        assertTrue(failures.isEmpty(), arch + ": " + String.join("\n", failures));
        for (EffectiveDepth p : probes) {
            EffectiveDepth.Call last = p.calls().get(p.calls().size() - 1);
            assertEquals(0, last.logitLensKl(), 1e-5, arch + ": the last call is the final prediction");
            p.calls().forEach(c -> assertTrue(c.relativeChange() >= 0 && Math.abs(c.cosine()) <= 1 + 1e-5
                    && c.logitLensKl() >= -1e-5, arch + ": " + c));
        }
    }

    /** One diagnostic step on fresh weights (the probe, which changes nothing, may run before it). */
    private static StepResult diagnosticStep(Trainer t, GoldenCase golden, RecurrenceSchedule schedule) {
        StepResult r = t.step(golden.batch(), new StepPlan(golden.learningRate(), schedule, true));
        assertTrue(r.finite(), "step not finite");
        assertEquals(r.gradNorm(), r.statistics().orElseThrow().all().norm(), 1e-4 * r.gradNorm(), "global norm");
        return r;
    }

    private static void assertOrdered(String what, MagnitudeStatistics s) {
        assertTrue(s.count() > 0 && s.median() > 0 && s.median() <= s.p95() && s.p95() <= s.p99() && s.p99() <= s.max()
                && s.mean() <= s.max() && s.logStd() >= 0 && s.zeroFraction() >= 0 && s.zeroFraction() < 1, what + ": " + s);
    }

    private static void compare(String group, MagnitudeStatistics a, MagnitudeStatistics b, List<String> failures) {
        close(group + " count", a.count(), b.count(), failures);
        close(group + " mean", a.mean(), b.mean(), failures);
        close(group + " median", a.median(), b.median(), failures);
        close(group + " p95", a.p95(), b.p95(), failures);
        close(group + " p99", a.p99(), b.p99(), failures);
        close(group + " max", a.max(), b.max(), failures);
        close(group + " log std", a.logStd(), b.logStd(), failures);
        close(group + " norm", a.norm(), b.norm(), failures);
    }

    private static void close(String what, double a, double b, List<String> failures) {
        if (!Tolerance.relativeClose(a, b, ACROSS_BACKENDS)) {
            failures.add(what + ": " + a + " vs " + b);
        }
    }
}
