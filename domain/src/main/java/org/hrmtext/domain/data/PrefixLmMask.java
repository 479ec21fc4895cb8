package org.hrmtext.domain.data;

/**
 * The PrefixLM attention pattern of a packed batch: a sample's instruction attends to itself
 * bidirectionally, its response causally to everything before it in the sample, samples in one
 * row never see each other, and padding attends only to itself.
 */
public final class PrefixLmMask {
    /**
     * The additive attention bias of a key a query may not see. Part of the exported ONNX input
     * contract ({@code attention_bias}): large and finite, so a fully blocked padding row stays finite.
     */
    public static final float BLOCKED = -1e9f;

    private PrefixLmMask() {
    }

    /** {@code allowed[row][q][k]} flattened row-major: rows × seqLen × seqLen. */
    public static boolean[] allowed(PackedBatch batch) {
        int t = batch.seqLen();
        boolean[] m = new boolean[batch.rows() * t * t];
        boolean[] covered = new boolean[batch.rows() * t];
        for (SequenceSpan s : batch.spans()) {
            int base = s.row() * t * t;
            for (int q = s.start(); q < s.end(); q++) {
                covered[s.row() * t + q] = true;
                int last = q < s.start() + s.prefixLen() ? s.start() + s.prefixLen() : q + 1;
                for (int k = s.start(); k < last; k++) {
                    m[base + q * t + k] = true;
                }
            }
        }
        for (int r = 0; r < batch.rows(); r++) {
            for (int q = 0; q < t; q++) {
                if (!covered[r * t + q]) {
                    m[r * t * t + q * t + q] = true;
                }
            }
        }
        return m;
    }

    /** The same pattern as an additive attention bias: 0 where allowed, {@link #BLOCKED} elsewhere. */
    public static float[] additiveBias(PackedBatch batch) {
        boolean[] a = allowed(batch);
        float[] bias = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            bias[i] = a[i] ? 0f : BLOCKED;
        }
        return bias;
    }
}
