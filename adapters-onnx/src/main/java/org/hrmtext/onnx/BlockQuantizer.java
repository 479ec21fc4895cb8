package org.hrmtext.onnx;

import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.model.HostTensor;

/**
 * Block-wise weight quantization in the layout of ONNX Runtime's {@code com.microsoft.MatMulNBits}:
 * a projection {@code W [N = out, K = in]} is cut along {@code K} into blocks of {@code blockSize};
 * each block gets a float scale and an unsigned zero point from its range (widened to contain 0,
 * so zero stays exact): {@code scale = (max − min) / (2^bits − 1)},
 * {@code zp = clamp(round(−min / scale))}, {@code q = clamp(round(w / scale) + zp)}, read back as
 * {@code (q − zp) · scale}. Rounding is half-to-even and every step is float arithmetic in a fixed
 * order, so the same weights always give the same bytes.
 *
 * <p>Packing: {@code B [N, K/blockSize, blockSize·bits/8]} uint8 with 4-bit values two to a byte,
 * the even-indexed value in the low nibble; {@code scales [N, K/blockSize]}; zero points
 * {@code [N, ceil(K/blockSize · bits/8)]} uint8, packed the same way.
 */
final class BlockQuantizer {
    private BlockQuantizer() {
    }

    /** A quantized projection: packed weights, per-block scales and zero points with their dims. */
    record Quantized(int n, int k, int bits, int blockSize, byte[] packed, float[] scales, byte[] zeroPoints) {
        int blocks() {
            return k / blockSize;
        }

        int blobSize() {
            return blockSize * bits / 8;
        }

        int zeroPointColumns() {
            return (blocks() * bits + 7) / 8;
        }
    }

    /**
     * Quantizes {@code w} ({@code [out, in]}, as stored in a checkpoint).
     *
     * @throws InvalidInputException when {@code blockSize} does not divide the input dimension or a
     *     weight is not finite, naming the tensor
     */
    static Quantized quantize(HostTensor w, int bits, int blockSize) {
        if (bits != 4 && bits != 8) {
            throw new IllegalArgumentException("bits must be 4 or 8, got " + bits);
        }
        int n = w.shape()[0];
        int k = w.shape()[1];
        checkBlockSize(w.name(), w.shape(), blockSize);
        int blocks = k / blockSize;
        int qmax = (1 << bits) - 1;
        int blob = blockSize * bits / 8;
        int zpCols = (blocks * bits + 7) / 8;
        byte[] packed = new byte[n * blocks * blob];
        float[] scales = new float[n * blocks];
        byte[] zeroPoints = new byte[n * zpCols];
        float[] data = w.data();
        int[] q = new int[blockSize];
        for (int row = 0; row < n; row++) {
            for (int b = 0; b < blocks; b++) {
                int start = row * k + b * blockSize;
                float min = 0f;
                float max = 0f;
                for (int i = 0; i < blockSize; i++) {
                    float v = data[start + i];
                    if (!Float.isFinite(v)) {
                        throw new InvalidInputException("tensor " + w.name() + " row " + row + " column "
                                + (b * blockSize + i) + ": " + v + " cannot be quantized; expected finite weights");
                    }
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                float scale = (max - min) / qmax;
                int zp = 0;
                if (scale == 0f) {
                    scale = 1f;
                } else {
                    zp = clamp(Math.round(Math.rint(-min / scale)), qmax);
                }
                for (int i = 0; i < blockSize; i++) {
                    q[i] = clamp((int) Math.rint(data[start + i] / scale) + zp, qmax);
                }
                scales[row * blocks + b] = scale;
                pack(q, bits, packed, (row * blocks + b) * blob);
                putZeroPoint(zeroPoints, row * zpCols, b, zp, bits);
            }
        }
        return new Quantized(n, k, bits, blockSize, packed, scales, zeroPoints);
    }

    /** Refuses a block size that does not divide the input dimension of {@code name [out, in]}. */
    static void checkBlockSize(String name, int[] shape, int blockSize) {
        if (shape[1] % blockSize != 0) {
            throw new InvalidInputException("tensor " + name + " [" + shape[0] + ", " + shape[1] + "]: --block-size "
                    + blockSize + " does not divide its input dimension " + shape[1]
                    + "; choose a block size that divides " + shape[1]);
        }
    }

    private static int clamp(long v, int qmax) {
        return (int) Math.max(0, Math.min(qmax, v));
    }

    private static void pack(int[] q, int bits, byte[] out, int offset) {
        if (bits == 8) {
            for (int i = 0; i < q.length; i++) {
                out[offset + i] = (byte) q[i];
            }
        } else {
            for (int i = 0; i < q.length; i += 2) {
                out[offset + i / 2] = (byte) (q[i] | (q[i + 1] << 4));
            }
        }
    }

    private static void putZeroPoint(byte[] out, int rowOffset, int block, int zp, int bits) {
        if (bits == 8) {
            out[rowOffset + block] = (byte) zp;
        } else {
            int at = rowOffset + block / 2;
            out[at] = (byte) (block % 2 == 0 ? (out[at] & 0xF0) | zp : (out[at] & 0x0F) | (zp << 4));
        }
    }
}
