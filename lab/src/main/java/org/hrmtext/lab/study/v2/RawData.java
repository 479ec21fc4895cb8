package org.hrmtext.lab.study.v2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.diagnostics.TensorMoments;
import org.hrmtext.formats.json.Json;

/**
 * The records of a {@code raw.jsonl}, grouped: training steps per (run, seed), and complete
 * checkpoints (every grid cell present) per (run, seed, batch). A last line cut off mid-write is
 * ignored; any other unreadable line is an error naming its line number.
 */
public record RawData(Map<String, List<Step>> steps, Map<String, List<Checkpoint>> checkpoints,
        Map<String, List<Map<String, Object>>> probes) {

    /** One training step: the run's own credit, its loss, and element-level statistics per group. */
    public record Step(int step, String credit, double loss, Map<String, Map<String, Double>> stats) {
        /** A statistic of a group ({@code all}, {@code H}, {@code L}, {@code head}, {@code embedding}); NaN if absent. */
        public double stat(String group, String key) {
            Map<String, Double> g = stats.get(group);
            return g == null || !g.containsKey(key) ? Double.NaN : g.get(key);
        }
    }

    /**
     * Every grid cell's per-tensor gradient norms on one batch at one step, and where recorded its
     * per-tensor moments ({@code cell → tensor → moments}).
     */
    public record Checkpoint(int step, Map<String, Map<String, Double>> cells, Map<String, Map<String, TensorMoments>> tensors) {

        /** A cell's per-tensor moments ({@code tensor → moments}); empty when not recorded. */
        public Map<String, TensorMoments> tensors(String cell) {
            return tensors.getOrDefault(cell, Map.of());
        }
    }

    /** Key of a run and seed, e.g. {@code hrm#0}. */
    public static String key(String run, long seed) {
        return run + "#" + seed;
    }

    @SuppressWarnings("unchecked")
    public static RawData read(Path file, Map<String, Integer> gridSizes) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, List<Step>> steps = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> probes = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, Map<String, Map<String, Double>>>> grads = new LinkedHashMap<>();
        Map<String, Map<Integer, Map<String, Map<String, TensorMoments>>>> gradTensors = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> r;
            try {
                r = Json.parseObject(lines.get(i));
            } catch (RuntimeException e) {
                if (i == lines.size() - 1) {
                    break;
                }
                throw new InvalidInputException(file + " line " + (i + 1) + ": not a JSON object: " + e.getMessage());
            }
            String run = (String) r.get("run");
            long seed = ((Number) r.get("seed")).longValue();
            int step = ((Number) r.get("step")).intValue();
            if ("step".equals(r.get("kind"))) {
                Map<String, Map<String, Double>> stats = new LinkedHashMap<>();
                Object s = r.get("stats");
                if (s instanceof Map) {
                    ((Map<String, Object>) s).forEach((g, v) -> stats.put(g, numbers((Map<String, Object>) v)));
                }
                steps.computeIfAbsent(key(run, seed), k -> new ArrayList<>()).add(new Step(step, (String) r.get("credit"),
                        ((Number) r.get("loss")).doubleValue(), stats));
            } else if ("jacobian".equals(r.get("kind")) || "depth".equals(r.get("kind"))) {
                probes.computeIfAbsent(r.get("kind") + "|" + key(run, seed), x -> new ArrayList<>()).add(r);
            } else {
                String k = key(run, seed) + "|" + r.get("batch");
                grads.computeIfAbsent(k, x -> new TreeMap<>()).computeIfAbsent(step, x -> new LinkedHashMap<>())
                        .put((String) r.get("cell"), numbers((Map<String, Object>) r.get("norms")));
                if (r.get("tensors") instanceof Map) {
                    Map<String, TensorMoments> tensors = new LinkedHashMap<>();
                    ((Map<String, Object>) r.get("tensors")).forEach((t, v) -> tensors.put(t, moments(numbers((Map<String, Object>) v))));
                    gradTensors.computeIfAbsent(k, x -> new LinkedHashMap<>()).computeIfAbsent(step, x -> new LinkedHashMap<>())
                            .put((String) r.get("cell"), tensors);
                }
            }
        }
        Map<String, List<Checkpoint>> checkpoints = new LinkedHashMap<>();
        grads.forEach((k, bySteps) -> {
            int need = gridSizes.getOrDefault(k.substring(0, k.indexOf('#')), Integer.MAX_VALUE);
            List<Checkpoint> list = new ArrayList<>();
            bySteps.forEach((step, cells) -> {
                if (cells.size() >= need) {
                    list.add(new Checkpoint(step, cells, gradTensors.getOrDefault(k, Map.of()).getOrDefault(step, Map.of())));
                }
            });
            checkpoints.put(k, list);
        });
        return new RawData(steps, checkpoints, probes);
    }

    /** The moments {@link TensorMoments#toJson} wrote. */
    private static TensorMoments moments(Map<String, Double> m) {
        return new TensorMoments(Math.round(m.get("n")), Math.round(m.get("zeros")), m.get("mean_abs"), m.getOrDefault("log_mean", Double.NaN),
                m.get("log_std"), m.getOrDefault("median_abs", Double.NaN), m.getOrDefault("p99_abs", Double.NaN));
    }

    private static Map<String, Double> numbers(Map<String, Object> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v instanceof Number n) {
                out.put(k, n.doubleValue());
            }
        });
        return out;
    }

    /** Checkpoints of a run, seed and batch kind ({@code train} or {@code heldout}). */
    public List<Checkpoint> checkpoints(String run, long seed, String batch) {
        return checkpoints.getOrDefault(key(run, seed) + "|" + batch, List.of());
    }

    /** The {@code jacobian} (one per checkpoint) or {@code depth} (one at the end) records of a run and seed, as read. */
    public List<Map<String, Object>> probes(String kind, String run, long seed) {
        return probes.getOrDefault(kind + "|" + key(run, seed), List.of());
    }

    public List<Step> steps(String run, long seed) {
        return steps.getOrDefault(key(run, seed), List.of());
    }
}
