package org.hrmtext.onnx;

/**
 * IEEE 754 binary16 conversion of a float (Java 17 has no {@code Float.floatToFloat16}): the
 * nearest half, ties to even; overflow gives infinity, tiny values subnormals or zero, NaN stays NaN.
 */
final class Half {
    private static final int HALF_EXP_MAX = 0x1f;

    private Half() {
    }

    /** The bits of the half nearest to {@code f}. */
    static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        }
        int e = exp - 127 + 15;
        if (e >= HALF_EXP_MAX) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            return (short) (sign | rounded(mant | 0x800000, 14 - e));
        }
        // a carry out of the mantissa moves to the next exponent (or infinity), as rounding should
        return (short) (sign | ((e << 10) + rounded(mant, 13)));
    }

    /** {@code value >> shift} rounded to nearest, ties to even. */
    private static int rounded(int value, int shift) {
        int kept = value >> shift;
        int rest = value & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        return rest > half || (rest == half && (kept & 1) != 0) ? kept + 1 : kept;
    }
}
