package org.hrmtext.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Float to binary16: exact values, rounding to nearest with ties to even, subnormals, overflow, NaN. */
class HalfTest {
    private static void expect(int bits, float f) {
        assertEquals(bits, Half.fromFloat(f) & 0xffff, () -> f + " -> 0x" + Integer.toHexString(Half.fromFloat(f) & 0xffff));
    }

    @Test
    void convertsLikeIeeeBinary16() {
        expect(0x0000, 0f);
        expect(0x8000, -0f);
        expect(0x3c00, 1f);
        expect(0xc000, -2f);
        expect(0x3555, 1f / 3);
        expect(0x7bff, 65504f);
        expect(0x7c00, 65520f);
        expect(0xfc00, Float.NEGATIVE_INFINITY);
        expect(0x7e00, Float.NaN);
        expect(0x0400, (float) Math.pow(2, -14));
        expect(0x0001, (float) Math.pow(2, -24));
        expect(0x0000, (float) Math.pow(2, -25));
        expect(0x0001, (float) (Math.pow(2, -25) * 1.5));
        expect(0x3c00, 1f + (float) Math.pow(2, -11));
        expect(0x3c02, 1f + 3 * (float) Math.pow(2, -11));
        expect(0x3c01, 1f + 1.5f * (float) Math.pow(2, -11));
        expect(0x4000, 2f - (float) Math.pow(2, -12));
    }
}
