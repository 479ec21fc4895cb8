package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.hrmtext.cli.Hrm;
import org.hrmtext.formats.json.Json;
import org.junit.jupiter.api.Test;

/**
 * Guards {@code hrm bench train --json} with the real backend: one JSON object on stdout with
 * positive throughput and MFU for HRM at full credit depth (memory figures are the bench's own
 * business and are not judged here).
 */
class BenchTrainTest {

    @Test
    void printsOneJsonObject() {
        Hrm.Result r = Hrm.run("bench", "train", "--preset", "tiny", "--backend", "djl", "--steps", 2, "--threads", 1, "--json")
                .succeeded();
        assertEquals(1, r.out().lines().count(), r.out());
        Map<String, Object> m = Json.parseObject(r.out().trim());
        assertEquals("djl", m.get("backend"));
        assertEquals("full", m.get("credit"));
        for (String key : new String[] {"tokens_per_s", "model_flops_per_token", "achieved_gflops", "matmul_gflops", "mfu"}) {
            assertTrue(((Number) m.get(key)).doubleValue() > 0, key + " in " + m);
        }
    }
}
