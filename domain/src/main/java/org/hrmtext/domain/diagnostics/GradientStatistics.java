package org.hrmtext.domain.diagnostics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gradient-magnitude statistics of one step: over every trained element ({@code all}) and per
 * tensor group that received a gradient ({@code groups}; a group without gradient under the
 * step's credit assignment, e.g. the embedding at bp_steps = 2, is absent). Backends compute it on
 * their device when a {@code StepPlan} asks for diagnostics.
 */
public record GradientStatistics(MagnitudeStatistics all, Map<GradientGroup, MagnitudeStatistics> groups) {

    public GradientStatistics {
        EnumMap<GradientGroup, MagnitudeStatistics> copy = new EnumMap<>(GradientGroup.class);
        copy.putAll(groups);
        groups = Collections.unmodifiableMap(copy);
    }

    /** {@code {"all": {…}, "embedding": {…}, "H": {…}, "L": {…}, "head": {…}}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("all", all.toJson());
        groups.forEach((g, s) -> m.put(g.key(), s.toJson()));
        return m;
    }
}
