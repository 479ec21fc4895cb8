package org.hrmtext.ports;

import java.util.Locale;
import org.hrmtext.domain.InvalidInputException;

/**
 * How an exported model stores its weights and caches: the opset, the projection weights
 * ({@code f32}, or block-quantized {@code int8}/{@code int4} with {@code blockSize} weights along
 * the input dimension per scale), whether {@code lm_head} is quantized too, and the element type
 * of the key/value cache inputs and outputs ({@code f32} or {@code f16}).
 */
public record ExportOptions(int opset, Weights weights, int blockSize, boolean quantizeLmHead, CacheType cache) {
    /** Metadata key under which an exported file records its weight format ({@link Weights#label}). */
    public static final String WEIGHTS_KEY = "weights";
    /** Block sizes a quantized export accepts. */
    public static final int[] BLOCK_SIZES = {32, 64, 128};

    /** Projection weight format: bits per stored weight. */
    public enum Weights {
        F32(32), INT8(8), INT4(4);

        private final int bits;

        Weights(int bits) {
            this.bits = bits;
        }

        public int bits() {
            return bits;
        }

        public boolean quantized() {
            return this != F32;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code f32}, {@code int8} or {@code int4}; anything else is refused naming {@code what}. */
        public static Weights parse(String what, String text) {
            for (Weights w : values()) {
                if (w.label().equalsIgnoreCase(text)) {
                    return w;
                }
            }
            throw new InvalidInputException(what + " \"" + text + "\": expected f32, int8 or int4");
        }
    }

    /** Element type of the KV cache. */
    public enum CacheType {
        F32, F16;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code f32} or {@code f16}; anything else is refused naming {@code what}. */
        public static CacheType parse(String what, String text) {
            for (CacheType c : values()) {
                if (c.label().equalsIgnoreCase(text)) {
                    return c;
                }
            }
            throw new InvalidInputException(what + " \"" + text + "\": expected f32 or f16");
        }
    }

    public ExportOptions {
        boolean known = false;
        for (int b : BLOCK_SIZES) {
            known |= b == blockSize;
        }
        if (!known) {
            throw new InvalidInputException("--block-size " + blockSize + ": expected 32, 64 or 128");
        }
    }

    /** Float32 weights and cache at {@code opset}: the plain export. */
    public static ExportOptions f32(int opset) {
        return new ExportOptions(opset, Weights.F32, 32, false, CacheType.F32);
    }

    /** A short description, e.g. {@code int4 (block 32, lm_head f32), kv f16}. */
    public String describe() {
        String w = weights.quantized() ? weights.label() + " (block " + blockSize + ", lm_head "
                + (quantizeLmHead ? weights.label() : "f32") + ")" : "f32";
        return w + ", kv " + cache.label();
    }
}
