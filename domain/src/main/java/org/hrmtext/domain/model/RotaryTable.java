package org.hrmtext.domain.model;

import org.hrmtext.domain.config.ModelConfig;

/**
 * Rotary position embedding tables for given positions, as the reference builds them:
 * {@code inv_freq[i] = 1 / theta^(2i / head_dim)}, angle = position · inv_freq, both halves of a
 * head alike ({@code cat(f, f)}), applied with rotate-half. Row-major {@code [positions, head_dim]}.
 */
public record RotaryTable(float[] cos, float[] sin) {

    public static RotaryTable of(ModelConfig config, long[] positions) {
        int hd = config.headDim();
        int half = hd / 2;
        float[] inv = new float[half];
        for (int i = 0; i < half; i++) {
            inv[i] = (float) (1.0 / Math.pow(config.ropeTheta(), (2.0 * i) / hd));
        }
        float[] cos = new float[positions.length * hd];
        float[] sin = new float[positions.length * hd];
        for (int n = 0; n < positions.length; n++) {
            for (int i = 0; i < half; i++) {
                float f = positions[n] * inv[i];
                float c = (float) Math.cos(f);
                float s = (float) Math.sin(f);
                cos[n * hd + i] = c;
                cos[n * hd + i + half] = c;
                sin[n * hd + i] = s;
                sin[n * hd + i + half] = s;
            }
        }
        return new RotaryTable(cos, sin);
    }

    public static RotaryTable of(ModelConfig config, int[] positions) {
        long[] p = new long[positions.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = positions[i];
        }
        return of(config, p);
    }
}
