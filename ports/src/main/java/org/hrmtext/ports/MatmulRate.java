package org.hrmtext.ports;

/**
 * The one timing rule for a backend's matmul rate, the denominator of model FLOPs utilisation:
 * {@value #WARMUP} untimed runs, then the best of {@value #TRIALS} timed single runs (on a shared
 * machine the least-disturbed run is the rate). Every backend is timed by this rule, so MFU figures
 * compare across backends.
 */
public final class MatmulRate {
    static final int WARMUP = 2;
    static final int TRIALS = 5;

    private MatmulRate() {
    }

    /** GFLOP/s of {@code product}, an {@code n×n×n} multiply (2·n³ floating-point operations). */
    public static double gflops(MatmulProduct product, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("matrix size must be positive, got " + n);
        }
        for (int i = 0; i < WARMUP; i++) {
            product.run();
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < TRIALS; i++) {
            long start = System.nanoTime();
            product.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return 2.0 * n * n * (double) n / Math.max(best, 1); // FLOPs per nanosecond = GFLOP/s
    }
}
