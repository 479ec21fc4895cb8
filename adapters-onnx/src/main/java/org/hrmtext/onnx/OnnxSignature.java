package org.hrmtext.onnx;

import java.util.ArrayList;
import java.util.List;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.schedule.RecurrenceSchedule;

/**
 * The inputs and outputs an exported model of a config has, in order: what the graph builder
 * declares and what a loaded file is checked against. Symbolic axes: {@code batch},
 * {@code query_len} (new tokens), {@code past_len} (cached tokens) and {@code key_len}
 * ({@code past_len + query_len}).
 *
 * <pre>
 * input_ids, position_ids       int64 [batch, query_len]
 * attention_bias                float [batch, 1, query_len, key_len]   0 = attend, -1e9 = blocked
 * logits_index                  int64 [batch]
 * past_key.C.L, past_value.C.L  float [batch, heads, past_len, head_dim] per module call C, layer L
 * logits, first_logits          float [batch, vocab]
 * new_key.C.L, new_value.C.L    float [batch, heads, query_len, head_dim]
 * </pre>
 *
 * <p>The graph only reads the past keys/values and outputs the new ones: a client appends each
 * run's {@code new_*} to its {@code past_*} along axis 2. {@code past_len} may also be a cache's
 * capacity, with the slots past a row's filled positions blocked in {@code attention_bias} (how
 * the runtime keeps one preallocated copy of the cache). The caches are float32, or float16 in a
 * model exported with {@code --kv-dtype f16}.
 */
final class OnnxSignature {
    static final String INPUT_IDS = "input_ids";
    static final String POSITION_IDS = "position_ids";
    static final String ATTENTION_BIAS = "attention_bias";
    static final String LOGITS_INDEX = "logits_index";
    static final String LOGITS = "logits";
    static final String FIRST_LOGITS = "first_logits";
    static final String BATCH = "batch";
    static final String QUERY_LEN = "query_len";
    static final String PAST_LEN = "past_len";
    static final String KEY_LEN = "key_len";
    /** ONNX element types (TensorProto.DataType). */
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT64 = 7;
    static final int FLOAT16 = 10;

    /** One graph input or output: name, element type and dims (a {@code Long} or a symbolic {@code String}). */
    record Port(String name, int elementType, List<Object> dims) {
        Port {
            dims = List.copyOf(dims);
        }

        String describe() {
            return typeName(elementType) + " " + dims.toString();
        }
    }

    /** {@code float32}, {@code float16} or {@code int64}. */
    static String typeName(int elementType) {
        return switch (elementType) {
            case FLOAT -> "float32";
            case FLOAT16 -> "float16";
            case INT64 -> "int64";
            case UINT8 -> "uint8";
            default -> "type " + elementType;
        };
    }

    private final int calls;
    private final int layers;
    private final long heads;
    private final long headDim;
    private final long vocab;
    private final int cacheType;

    /** The signature with float32 caches. */
    OnnxSignature(ModelConfig config) {
        this(config, FLOAT);
    }

    /** The signature whose past/present caches have element type {@code cacheType} ({@link #FLOAT} or {@link #FLOAT16}). */
    OnnxSignature(ModelConfig config, int cacheType) {
        this.calls = RecurrenceSchedule.of(config, RecurrenceSchedule.ownCredit(config)).calls().size();
        this.layers = config.numHiddenLayers();
        this.heads = config.numAttentionHeads();
        this.headDim = config.headDim();
        this.vocab = config.vocabSize();
        this.cacheType = cacheType;
    }

    /** Element type of the past/present cache tensors. */
    int cacheType() {
        return cacheType;
    }

    /** Bytes of one cache element. */
    int cacheElementBytes() {
        return cacheType == FLOAT16 ? 2 : Float.BYTES;
    }

    static String pastKey(int call, int layer) {
        return "past_key." + call + "." + layer;
    }

    static String pastValue(int call, int layer) {
        return "past_value." + call + "." + layer;
    }

    static String newKey(int call, int layer) {
        return "new_key." + call + "." + layer;
    }

    static String newValue(int call, int layer) {
        return "new_value." + call + "." + layer;
    }

    /** Module calls in the unrolled recurrence. */
    int calls() {
        return calls;
    }

    /** Layers each call runs. */
    int layers() {
        return layers;
    }

    List<Port> inputs() {
        List<Port> out = new ArrayList<>();
        out.add(new Port(INPUT_IDS, INT64, List.of(BATCH, QUERY_LEN)));
        out.add(new Port(POSITION_IDS, INT64, List.of(BATCH, QUERY_LEN)));
        out.add(new Port(ATTENTION_BIAS, FLOAT, List.of(BATCH, 1L, QUERY_LEN, KEY_LEN)));
        out.add(new Port(LOGITS_INDEX, INT64, List.of(BATCH)));
        for (int c = 0; c < calls; c++) {
            for (int l = 0; l < layers; l++) {
                out.add(cache(pastKey(c, l), PAST_LEN));
                out.add(cache(pastValue(c, l), PAST_LEN));
            }
        }
        return out;
    }

    List<Port> outputs() {
        List<Port> out = new ArrayList<>();
        out.add(new Port(LOGITS, FLOAT, List.of(BATCH, vocab)));
        out.add(new Port(FIRST_LOGITS, FLOAT, List.of(BATCH, vocab)));
        for (int c = 0; c < calls; c++) {
            for (int l = 0; l < layers; l++) {
                out.add(cache(newKey(c, l), QUERY_LEN));
                out.add(cache(newValue(c, l), QUERY_LEN));
            }
        }
        return out;
    }

    private Port cache(String name, String timeAxis) {
        return new Port(name, cacheType, List.of(BATCH, heads, timeAxis, headDim));
    }
}
