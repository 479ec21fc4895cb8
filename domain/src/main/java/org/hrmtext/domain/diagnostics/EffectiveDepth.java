package org.hrmtext.domain.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@link DepthProbe} measured on one batch, per module call in schedule order.
 *
 * @param calls one entry per call
 */
public record EffectiveDepth(List<Call> calls) {

    /** The probe values of one call (definitions in {@link DepthProbe}). */
    public record Call(int call, String label, double relativeChange, double cosine, double logitLensKl) {

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("call", call);
            m.put("label", label);
            m.put("relative_change", relativeChange);
            m.put("cosine", cosine);
            m.put("logit_lens_kl", logitLensKl);
            return m;
        }
    }

    public EffectiveDepth {
        calls = List.copyOf(calls);
    }

    /**
     * Joins a probe plan with the values a backend computed, laid out {@code [calls, 3]} row-major:
     * relative change, cosine, logit-lens KL per call in plan order.
     */
    public static EffectiveDepth of(List<DepthProbe.Step> plan, float[] values) {
        if (values.length != 3 * plan.size()) {
            throw new IllegalArgumentException("expected " + 3 * plan.size() + " probe values, got " + values.length);
        }
        List<Call> out = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            out.add(new Call(plan.get(i).call(), plan.get(i).label(), values[3 * i], values[3 * i + 1], values[3 * i + 2]));
        }
        return new EffectiveDepth(out);
    }

    /** The number of calls that still change their state by at least {@code threshold} (relative). */
    public long activeCalls(double threshold) {
        return calls.stream().filter(c -> c.relativeChange() >= threshold).count();
    }
}
