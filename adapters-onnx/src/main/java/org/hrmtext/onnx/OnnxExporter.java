package org.hrmtext.onnx;

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
import org.hrmtext.domain.config.ModelConfigJson;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterSpec;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.onnx.proto.OnnxProto.ModelProto;
import org.hrmtext.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.hrmtext.ports.ModelExporter;

/**
 * Exports a model as an ONNX file for cached inference (IR 8, default opset 17): the recurrence
 * unrolled from the domain schedule, each weight stored once, the inputs and outputs of
 * {@link OnnxSignature} with dynamic {@code batch}, {@code query_len} and {@code past_len} axes.
 * {@code metadata_props} carry {@code config} (the config.json text), {@code producer},
 * {@code version}, {@code schedule} and every entry the caller passes (e.g.
 * {@code source_checkpoint}), sorted by key. The same weights and metadata always give the same
 * bytes; models over 2 GB keep their weights in {@code FILE.data}; the file is written atomically.
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
        if (opset < MIN_OPSET || opset > DEFAULT_OPSET) {
            throw new InvalidInputException("--opset " + opset + ": the ONNX exporter writes opsets " + MIN_OPSET
                    + " to " + DEFAULT_OPSET);
        }
        if (Files.isDirectory(out)) {
            throw new InvalidInputException(out + ": is a folder; expected the path of the .onnx file to write");
        }
        ModelConfig config = weights.layout().config();
        long bytes = Float.BYTES * weights.layout().all().stream().mapToLong(ParameterSpec::numel).sum();
        try {
            writer.write(out, bytes, placement -> ModelProto.newBuilder()
                    .setIrVersion(IR_VERSION)
                    .setProducerName(PRODUCER)
                    .setProducerVersion(version())
                    .setDomain("org.hrmtext")
                    .setModelVersion(1)
                    .setDocString("HRM-Text " + config.architecture().configName()
                            + " for cached generation: one past/present key/value pair per module call and layer")
                    .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                    .setGraph(OnnxGraphBuilder.build(weights, placement))
                    .addAllMetadataProps(metadata(config, metadata).entrySet().stream()
                            .map(e -> OnnxTensors.entry(e.getKey(), e.getValue())).toList())
                    .build());
        } catch (IOException e) {
            throw new InvalidInputException(out + ": cannot write the ONNX file: " + e.getMessage(), e);
        }
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
