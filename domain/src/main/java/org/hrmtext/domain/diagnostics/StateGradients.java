package org.hrmtext.domain.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jacobian growth along the recurrence: per module call in schedule order, the L2 norm over the
 * whole batch of {@code ∂L/∂z}, the gradient of the loss with respect to the state that call wrote
 * (measured with the zero state probes of
 * {@link org.hrmtext.domain.schedule.RecurrenceDataflow#run(org.hrmtext.domain.schedule.RecurrenceSchedule,
 * org.hrmtext.domain.schedule.RecurrenceDataflow.Kernels, boolean)}). A ratio above 1 from a later
 * call to an earlier one means the backward pass grows the gradient as it goes back in time.
 *
 * @param labels call labels as {@link DepthProbe#plan} names them ({@code L1}, …, {@code H2})
 * @param norms {@code ‖∂L/∂z_i‖₂}, aligned with {@code labels}
 */
public record StateGradients(List<String> labels, double[] norms) {

    public StateGradients {
        labels = List.copyOf(labels);
        norms = norms.clone();
        if (labels.size() != norms.length) {
            throw new IllegalArgumentException("expected " + labels.size() + " state-gradient norms, got " + norms.length);
        }
    }

    /** {@code ‖∂L/∂z_i‖ / ‖∂L/∂z_{i+1}‖} for each adjacent pair of calls (one fewer than the calls). */
    public double[] adjacentRatios() {
        double[] r = new double[Math.max(0, norms.length - 1)];
        for (int i = 0; i < r.length; i++) {
            r[i] = norms[i] / norms[i + 1];
        }
        return r;
    }

    /** {@code {"labels": […], "norms": […]}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labels", labels);
        List<Double> n = new ArrayList<>();
        for (double v : norms) {
            n.add(v);
        }
        m.put("norms", n);
        return m;
    }
}
