package org.hrmtext.onnx;

import static org.hrmtext.onnx.OnnxGraph.attr;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.model.FusedLayout;
import org.hrmtext.domain.model.FusedLayout.FusedTensor;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterNames;
import org.hrmtext.domain.schedule.ModuleCall;
import org.hrmtext.domain.schedule.RecurrenceDataflow;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.onnx.proto.OnnxProto.GraphProto;
import org.hrmtext.onnx.proto.OnnxProto.TensorProto;
import org.hrmtext.ports.ExportOptions;

/**
 * Builds the inference graph of a model: the recurrence unrolled from the domain schedule by the
 * domain's {@link RecurrenceDataflow} (this class writes only its nodes), then {@code lm_head} on
 * the output state at each row's {@code logits_index}, for the final value ({@code logits}) and
 * for the value written by the first call that targets the output state ({@code first_logits}, for auto-guidance);
 * both states' rows go through one {@code lm_head} node (Concat, then Split), so its weight is
 * read, and prepacked by ONNX Runtime, once.
 *
 * <p>An int4 export stores the embedding table in float16 (each looked-up row is cast to
 * float32), half the bytes of a table that is only read a row at a time.
 *
 * <p>Each weight is one initializer shared by every call that runs its stack, in the fused layout
 * ({@code gqkv_proj}, {@code gate_up_proj}); projections are stored transposed ({@code name.T}).
 */
final class OnnxGraphBuilder {
    private OnnxGraphBuilder() {
    }

    /** A built graph and whether it uses {@code com.microsoft} operators. */
    record Built(GraphProto graph, boolean usesContribOps) {
    }

    /** The graph of {@code weights} in the formats of {@code options}, each initializer passed through {@code placement}. */
    static Built build(ModelWeights weights, ExportOptions options, UnaryOperator<TensorProto> placement) {
        ModelConfig config = weights.layout().config();
        RecurrenceSchedule schedule = RecurrenceSchedule.of(config, RecurrenceSchedule.ownCredit(config));
        OnnxSignature signature = new OnnxSignature(config, cacheType(options));
        OnnxGraph g = new OnnxGraph("hrm_text_" + config.architecture().configName(), placement);
        signature.inputs().forEach(g::input);
        signature.outputs().forEach(g::output);
        OnnxProjections projections = new OnnxProjections(g, options);
        addWeights(g, weights, options, projections);

        OnnxRotary rotary = OnnxRotary.write(g, config, OnnxSignature.POSITION_IDS);
        OnnxBlockWriter blocks = new OnnxBlockWriter(g, config, rotary, OnnxSignature.ATTENTION_BIAS, projections,
                signature.cacheType());
        RecurrenceDataflow.Trace<String> trace = RecurrenceDataflow.run(schedule, new RecurrenceDataflow.Kernels<>() {
            @Override
            public String embedded(boolean trained) {
                g.scope("embed");
                String embedded = g.op("Gather", List.of(ParameterNames.EMBEDDING, OnnxSignature.INPUT_IDS));
                if (OnnxProjections.halvesEmbedding(options)) {
                    embedded = g.op("Cast", List.of(embedded), attr("to", OnnxSignature.FLOAT));
                }
                return g.op("Mul", List.of(embedded, g.scalar((float) config.embeddingScale())));
            }

            @Override
            public String zLInit(String like) {
                return g.op("Expand", List.of(ParameterNames.Z_L_INIT, g.op("Shape", List.of(like))));
            }

            @Override
            public void enter(ModuleCall call) {
                g.scope("call" + call.index() + ".input");
            }

            @Override
            public String add(String a, String b) {
                return g.op("Add", List.of(a, b));
            }

            @Override
            public String call(ModuleCall call, String input) {
                return blocks.call(call.stack(), call.index(), input);
            }
        });
        String first = trace.first();
        String last = trace.last();
        g.scope("lm_head");
        if (last.equals(first)) {
            projections.applyInto(atIndex(g, config, last), ParameterNames.LM_HEAD, OnnxSignature.LOGITS);
            g.opInto("Identity", List.of(OnnxSignature.LOGITS), OnnxSignature.FIRST_LOGITS);
        } else {
            // one lm_head node over both states' rows, so ONNX Runtime prepacks its weight once
            String both = g.op("Concat", List.of(atIndex(g, config, last), atIndex(g, config, first)), attr("axis", 0));
            String[] halves = g.ops("Split", List.of(projections.apply(both, ParameterNames.LM_HEAD)), 2, attr("axis", 0));
            g.opInto("Identity", List.of(halves[0]), OnnxSignature.LOGITS);
            g.opInto("Identity", List.of(halves[1]), OnnxSignature.FIRST_LOGITS);
        }
        return new Built(g.build(), projections.usesContribOps());
    }

    /** The ONNX element type of the cache tensors {@code options} ask for. */
    static int cacheType(ExportOptions options) {
        return options.cache() == ExportOptions.CacheType.F16 ? OnnxSignature.FLOAT16 : OnnxSignature.FLOAT;
    }

    private static void addWeights(OnnxGraph g, ModelWeights weights, ExportOptions options,
            OnnxProjections projections) {
        int hidden = weights.layout().config().hiddenSize();
        g.initializer(OnnxTensors.floats(OnnxBlockWriter.NORM_SCALE, new long[] {hidden}, ones(hidden)));
        for (FusedTensor t : FusedLayout.of(weights.layout()).tensors()) {
            HostTensor fused = FusedLayout.fuse(t, weights);
            if (OnnxProjections.isProjection(t.name())) {
                projections.add(fused);
            } else if (t.name().equals(ParameterNames.EMBEDDING) && OnnxProjections.halvesEmbedding(options)) {
                g.initializer(OnnxTensors.halfWeight(t.name(), fused));
            } else {
                g.initializer(OnnxTensors.weight(t.name(), fused));
            }
        }
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        Arrays.fill(v, 1f);
        return v;
    }

    /** Row {@code logits_index[b]} of each batch row of {@code x [batch, T, hidden]}: {@code [batch, hidden]}. */
    private static String atIndex(OnnxGraph g, ModelConfig config, String x) {
        long hidden = config.hiddenSize();
        String index = g.op("Reshape", List.of(OnnxSignature.LOGITS_INDEX, g.ints(-1, 1, 1)));
        String spread = g.op("Expand", List.of(index, g.ints(1, 1, hidden)));
        String rows = g.op("GatherElements", List.of(x, spread), attr("axis", 1));
        return g.op("Reshape", List.of(rows, g.ints(-1, hidden)));
    }
}
