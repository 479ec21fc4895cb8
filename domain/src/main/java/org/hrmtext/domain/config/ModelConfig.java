package org.hrmtext.domain.config;

import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.PublicApi;

/**
 * What an HRM-Text model is: sizes of its blocks, its architecture and recurrence. Validated on
 * construction (heads divide hidden, positive sizes, one KV head per query head).
 *
 * <p>{@code numHiddenLayers} is the number of layers in each stack; for the plain
 * {@code transformer} baseline, which has one stack, it is that stack's depth.
 */
@PublicApi
public record ModelConfig(
        Architecture architecture,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int maxPositionEmbeddings,
        double rmsNormEps,
        double ropeTheta,
        double embeddingScale,
        double initializerRange,
        RecurrenceConfig recurrence) {

    public ModelConfig {
        if (architecture == null || recurrence == null) {
            throw new InvalidInputException("architecture and recurrence are required");
        }
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("intermediate_size", intermediateSize);
        positive("num_hidden_layers", numHiddenLayers);
        positive("num_attention_heads", numAttentionHeads);
        positive("max_position_embeddings", maxPositionEmbeddings);
        if (hiddenSize % numAttentionHeads != 0) {
            throw new InvalidInputException("num_attention_heads: " + numAttentionHeads
                    + " does not divide hidden_size " + hiddenSize);
        }
        if ((hiddenSize / numAttentionHeads) % 2 != 0) {
            throw new InvalidInputException("head_dim " + hiddenSize / numAttentionHeads
                    + " must be even for rotary embeddings");
        }
        if (!(rmsNormEps > 0) || !(ropeTheta > 0) || !(embeddingScale > 0) || !(initializerRange > 0)) {
            throw new InvalidInputException("rms_norm_eps, rope_theta, embedding_scale and initializer_range must be positive");
        }
    }

    /** A config with the reference defaults for everything but the sizes. */
    public static ModelConfig of(Architecture arch, int vocab, int hidden, int heads, int layersPerStack) {
        return new ModelConfig(arch, vocab, hidden, defaultIntermediate(hidden), layersPerStack, heads, 4096,
                1e-6, 10000.0, Math.sqrt(hidden), 1.0 / Math.sqrt(hidden), RecurrenceConfig.defaultsFor(arch));
    }

    /** SwiGLU width of the reference: round(4·d·2/3) rounded up to a multiple of 256. */
    public static int defaultIntermediate(int hidden) {
        long raw = Math.round(4.0 * hidden * 2.0 / 3.0);
        return (int) ((raw + 255) / 256 * 256);
    }

    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    /**
     * The same sizes under another architecture, with that architecture's default recurrence. Going
     * to the one-stack {@code transformer} from a two-stack model keeps all layers in one stack.
     */
    public ModelConfig withArchitecture(Architecture arch) {
        boolean merge = arch == Architecture.TRANSFORMER && architecture.hasHighStack() && architecture.hasLowStack();
        return new ModelConfig(arch, vocabSize, hiddenSize, intermediateSize,
                merge ? 2 * numHiddenLayers : numHiddenLayers, numAttentionHeads,
                maxPositionEmbeddings, rmsNormEps, ropeTheta, embeddingScale, initializerRange,
                RecurrenceConfig.defaultsFor(arch));
    }

    public ModelConfig withRecurrence(RecurrenceConfig r) {
        return new ModelConfig(architecture, vocabSize, hiddenSize, intermediateSize, numHiddenLayers,
                numAttentionHeads, maxPositionEmbeddings, rmsNormEps, ropeTheta, embeddingScale, initializerRange, r);
    }

    private static void positive(String key, int v) {
        if (v < 1) {
            throw new InvalidInputException(key + ": expected a positive integer, got " + v);
        }
    }
}
