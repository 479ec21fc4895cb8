package org.hrmtext.onnx;

import com.google.protobuf.CodedInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.formats.config.ModelConfigJson;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.onnx.proto.OnnxProto.ModelProto;
import org.hrmtext.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.hrmtext.onnx.proto.OnnxProto.StringStringEntryProto;
import org.hrmtext.ports.ExportOptions;
import org.hrmtext.ports.ExportedSignature;
import org.hrmtext.ports.ModelExporter;

/**
 * Exports a model as an ONNX file for cached inference (IR 8, default opset 17): the recurrence
 * unrolled from the domain schedule, each weight stored once, the inputs and outputs of
 * {@link OnnxSignature} with dynamic {@code batch}, {@code query_len} and {@code past_len} axes.
 * {@code metadata_props} carry {@code config} (the config.json text), {@code producer},
 * {@code version}, {@code schedule} and every entry the caller passes (e.g.
 * {@code source_checkpoint}), sorted by key. The same weights and metadata always give the same
 * bytes; models over 2 GB keep their weights in {@code FILE.data}; the file is written atomically.
 * With {@link ExportOptions} the projections can be block-quantized to int8/int4
 * ({@code com.microsoft.MatMulNBits}, see {@link OnnxProjections}) and the caches kept in float16;
 * the formats are recorded in the metadata ({@link #formatMetadata}).
 *
 * <pre>{@code
 * new OnnxExporter().export(weights, Path.of("model.onnx"), 17, Map.of("source_checkpoint", dir.toString()));
 * }</pre>
 */
public final class OnnxExporter implements ModelExporter {
    /** Opset written when none is asked for. */
    public static final int DEFAULT_OPSET = 17;
    /** Oldest opset whose operators (Split, Unsqueeze, ReduceMean) have the forms the graph uses. */
    static final int MIN_OPSET = 13;
    static final int IR_VERSION = 8;
    /** ModelProto field 14 ({@code metadata_props}), length-delimited. */
    private static final int METADATA_PROPS_TAG = (14 << 3) | 2;
    static final String PRODUCER = "hrm-text";

    private final OnnxFileWriter writer;

    public OnnxExporter() {
        this(OnnxFileWriter.PROTOBUF_LIMIT);
    }

    /** An exporter that moves weights to an external data file above {@code externalAbove} bytes. */
    OnnxExporter(long externalAbove) {
        this.writer = new OnnxFileWriter(externalAbove);
    }

    @Override
    public void export(ModelWeights weights, Path out, int opset, Map<String, String> metadata) {
        export(weights, out, ExportOptions.f32(opset), metadata);
    }

    @Override
    public void export(ModelWeights weights, Path out, ExportOptions options, Map<String, String> metadata) {
        int opset = options.opset();
        if (opset < MIN_OPSET || opset > DEFAULT_OPSET) {
            throw new InvalidInputException("--opset " + opset + ": the ONNX exporter writes opsets " + MIN_OPSET
                    + " to " + DEFAULT_OPSET);
        }
        if (Files.isDirectory(out)) {
            throw new InvalidInputException(out + ": is a folder; expected the path of the .onnx file to write");
        }
        ModelConfig config = weights.layout().config();
        long bytes = OnnxProjections.storedBytes(weights.layout(), options);
        Map<String, String> entries = metadata(config, metadata);
        entries.putAll(formatMetadata(options));
        try {
            writer.write(out, bytes, placement -> {
                OnnxGraphBuilder.Built built = OnnxGraphBuilder.build(weights, options, placement);
                ModelProto.Builder model = ModelProto.newBuilder()
                        .setIrVersion(IR_VERSION)
                        .setProducerName(PRODUCER)
                        .setProducerVersion(version())
                        .setDomain("org.hrmtext")
                        .setModelVersion(1)
                        .setDocString("HRM-Text " + config.architecture().configName()
                                + " for cached generation: one past/present key/value pair per module call and layer")
                        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset));
                if (built.usesContribOps()) {
                    model.addOpsetImport(OperatorSetIdProto.newBuilder()
                            .setDomain(OnnxProjections.CONTRIB_DOMAIN).setVersion(1));
                }
                return model.setGraph(built.graph())
                        .addAllMetadataProps(entries.entrySet().stream()
                                .map(e -> OnnxTensors.entry(e.getKey(), e.getValue())).toList())
                        .build();
            });
        } catch (IOException e) {
            throw new InvalidInputException(out + ": cannot write the ONNX file: " + e.getMessage(), e);
        }
    }

    /**
     * The storage formats as metadata: {@code weights} ({@code f32}, {@code int8}, {@code int4}),
     * for quantized weights {@code weights_block_size}, {@code weights_lm_head},
     * {@code weights_embedding} and {@code weights_scheme}, and {@code kv_cache} ({@code f32} or {@code f16}).
     */
    static Map<String, String> formatMetadata(ExportOptions options) {
        Map<String, String> m = new TreeMap<>();
        m.put(ExportOptions.WEIGHTS_KEY, options.weights().label());
        m.put("kv_cache", options.cache().label());
        if (options.weights().quantized()) {
            m.put("weights_block_size", Integer.toString(options.blockSize()));
            m.put("weights_lm_head", options.quantizeLmHead() ? options.weights().label() : "f32");
            m.put("weights_embedding", OnnxProjections.halvesEmbedding(options) ? "f16" : "f32");
            m.put("weights_scheme", "com.microsoft.MatMulNBits bits=" + options.weights().bits() + " block_size="
                    + options.blockSize() + " accuracy_level=" + OnnxProjections.ACCURACY_LEVEL
                    + "; per block along K: asymmetric, range widened to contain 0, uint8 zero points, round half to even");
        }
        return m;
    }

    /** The caller's entries plus the model's own ({@code config}, {@code producer}, ...), sorted. */
    static Map<String, String> metadata(ModelConfig config, Map<String, String> caller) {
        Map<String, String> all = new TreeMap<>(caller);
        all.put("config", ModelConfigJson.write(config));
        all.put("producer", PRODUCER);
        all.put("version", version());
        all.put("schedule", RecurrenceSchedule.of(config, RecurrenceSchedule.ownCredit(config)).toString());
        return all;
    }

    /**
     * The {@code metadata_props} of an ONNX file, read without parsing its graph (the graph field
     * is skipped), so it is cheap even for a large model.
     */
    @Override
    public Map<String, String> metadataOf(Path exported) {
        Map<String, String> out = new TreeMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(exported), 1 << 16)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            for (int tag = coded.readTag(); tag != 0; tag = coded.readTag()) {
                if (tag == METADATA_PROPS_TAG) {
                    StringStringEntryProto e = StringStringEntryProto.parseFrom(coded.readBytes());
                    out.put(e.getKey(), e.getValue());
                } else {
                    coded.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(exported + ": cannot read it as an ONNX file: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public ExportedSignature signatureOf(Path exported) {
        return OnnxSignatureReader.read(exported);
    }

    /** This module's version, filtered into {@code onnx-backend.properties} by Maven. */
    static String version() {
        try (InputStream in = OnnxExporter.class.getResourceAsStream("onnx-backend.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
