package org.hrmtext.lab.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's decode-step counters read from {@code /metrics}: steps, rows decoded, and the
 * summed forward and scheduler (Java) seconds. The difference of two readings gives a level's
 * mean batch occupancy, forward time per step and Java overhead per step.
 */
record StepCounters(double steps, double rows, double forwardSeconds, double schedulerSeconds) {

    static StepCounters read(HttpClient client, String url) throws InterruptedException {
        String text;
        try {
            text = client.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + url + "/metrics: " + e.getMessage(), e);
        }
        return new StepCounters(sample(text, "hrm_batch_occupancy_count"), sample(text, "hrm_batch_occupancy_sum"),
                sample(text, "hrm_step_forward_seconds_sum"), sample(text, "hrm_step_scheduler_seconds_sum"));
    }

    private static double sample(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return 0;
    }

    /** Mean occupancy, forward ms and scheduler µs per step between {@code before} and this reading. */
    Map<String, Object> since(StepCounters before) {
        double n = steps - before.steps;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decode_steps", (long) n);
        m.put("mean_batch_occupancy", n == 0 ? Double.NaN : (rows - before.rows) / n);
        m.put("forward_ms_per_step", n == 0 ? Double.NaN : (forwardSeconds - before.forwardSeconds) * 1e3 / n);
        m.put("scheduler_us_per_step", n == 0 ? Double.NaN : (schedulerSeconds - before.schedulerSeconds) * 1e6 / n);
        return m;
    }
}
