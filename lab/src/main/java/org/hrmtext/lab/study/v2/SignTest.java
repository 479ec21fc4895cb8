package org.hrmtext.lab.study.v2;

/**
 * The exact two-sided sign test of paired differences: zeros are dropped, and under the null the
 * count of positive differences is Binomial(n, ½); {@code p = min(1, 2·P(X ≤ min(pos, neg)))}.
 */
public record SignTest(int n, int positive, int negative, double p) {

    public static SignTest of(double[] differences) {
        int pos = 0;
        int neg = 0;
        for (double d : differences) {
            if (d > 0) {
                pos++;
            } else if (d < 0) {
                neg++;
            }
        }
        int n = pos + neg;
        if (n == 0) {
            return new SignTest(0, 0, 0, 1.0);
        }
        int k = Math.min(pos, neg);
        double tail = 0;
        for (int i = 0; i <= k; i++) {
            tail += Math.exp(logChoose(n, i) - n * Math.log(2));
        }
        return new SignTest(n, pos, neg, Math.min(1.0, 2 * tail));
    }

    static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }
}
