package org.hrmtext.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one matmul timing rule: warm-up runs untimed, then the fastest of the timed runs is the rate. */
class MatmulRateTest {

    /** A "product" whose runs take the given milliseconds in turn (sleeping, not computing). */
    private static final class Timed implements MatmulProduct {
        private final long[] millis;
        private final List<Long> runs = new ArrayList<>();
        private boolean closed;

        Timed(long... millis) {
            this.millis = millis;
        }

        @Override
        public void run() {
            long ms = millis[runs.size() % millis.length];
            runs.add(ms);
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void twoWarmupsThenTheBestOfFiveTimedRuns() {
        // warm-ups 40 ms each (never the rate), then 30, 8, 30, 30, 30 ms: the best timed run is 8 ms
        Timed product = new Timed(40, 40, 30, 8, 30, 30, 30);
        int n = 100;
        double gflops = MatmulRate.gflops(product, n);
        assertEquals(MatmulRate.WARMUP + MatmulRate.TRIALS, product.runs.size());
        double fastest = 2.0 * n * n * n / 8e6;
        assertTrue(gflops <= fastest && gflops > fastest / 4, "rate " + gflops + " GFLOP/s, 8 ms run gives " + fastest);
    }

    @Test
    void theProviderDefaultClosesTheProduct() {
        Timed product = new Timed(1);
        BackendProvider provider = new BackendProvider() {
            @Override
            public String name() {
                return "timed";
            }

            @Override
            public java.util.Set<BackendCapability> capabilities() {
                return java.util.Set.of();
            }

            @Override
            public Trainer openTrainer(TrainerSpec spec, BackendOptions options) {
                throw new UnsupportedOperationException("this provider only times");
            }

            @Override
            public MatmulProduct matmulProduct(int n, BackendOptions options) {
                return product;
            }
        };
        assertTrue(provider.matmulGflops(10, BackendOptions.cpu(1)) > 0);
        assertTrue(product.closed);
    }
}
