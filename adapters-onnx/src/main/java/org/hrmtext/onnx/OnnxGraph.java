package org.hrmtext.onnx;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.hrmtext.onnx.proto.OnnxProto.AttributeProto;
import org.hrmtext.onnx.proto.OnnxProto.GraphProto;
import org.hrmtext.onnx.proto.OnnxProto.NodeProto;
import org.hrmtext.onnx.proto.OnnxProto.TensorProto;

/**
 * An ONNX graph under construction: nodes in the order they are added, named from a scope and a
 * counter, attributes sorted by name, small constants shared by value. Everything is
 * deterministic, so the same model always serializes to the same bytes.
 */
final class OnnxGraph {
    private final GraphProto.Builder graph;
    private final UnaryOperator<TensorProto> placement;
    private final Set<String> initializerNames = new HashSet<>();
    private String scope = "graph";
    private int counter;

    /** A graph whose initializers pass through {@code placement} (inline, or to external data). */
    OnnxGraph(String name, UnaryOperator<TensorProto> placement) {
        this.graph = GraphProto.newBuilder().setName(name);
        this.placement = placement;
    }

    /** Prefix of the names of the nodes added next, e.g. {@code call3.layer1.attn}. */
    void scope(String name) {
        this.scope = name;
    }

    /** Adds a node with one output and returns the output's name. */
    String op(String opType, List<String> inputs, AttributeProto... attributes) {
        return ops(opType, inputs, 1, attributes)[0];
    }

    /** Adds a node with {@code outputs} outputs and returns their names. */
    String[] ops(String opType, List<String> inputs, int outputs, AttributeProto... attributes) {
        String name = scope + "/" + opType + "_" + counter++;
        String[] out = new String[outputs];
        for (int i = 0; i < outputs; i++) {
            out[i] = outputs == 1 ? name : name + ":" + i;
        }
        add(opType, name, inputs, List.of(out), attributes);
        return out;
    }

    /** Adds a node whose single output has a given name (a graph output). */
    void opInto(String opType, List<String> inputs, String output, AttributeProto... attributes) {
        opInto("", opType, inputs, output, attributes);
    }

    /** Adds a node of an operator from {@code domain} (e.g. {@code com.microsoft}); returns its output. */
    String opIn(String domain, String opType, List<String> inputs, AttributeProto... attributes) {
        String name = scope + "/" + opType + "_" + counter++;
        add(domain, opType, name, inputs, List.of(name), attributes);
        return name;
    }

    /** Adds a node of an operator from {@code domain} whose single output has a given name. */
    void opInto(String domain, String opType, List<String> inputs, String output, AttributeProto... attributes) {
        add(domain, opType, scope + "/" + opType + "_" + counter++, inputs, List.of(output), attributes);
    }

    private void add(String opType, String name, List<String> inputs, List<String> outputs,
            AttributeProto... attributes) {
        add("", opType, name, inputs, outputs, attributes);
    }

    private void add(String domain, String opType, String name, List<String> inputs, List<String> outputs,
            AttributeProto... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder().setName(name).setOpType(opType)
                .addAllInput(inputs).addAllOutput(outputs);
        if (!domain.isEmpty()) {
            node.setDomain(domain);
        }
        Arrays.stream(attributes).sorted(Comparator.comparing(AttributeProto::getName)).forEach(node::addAttribute);
        graph.addNode(node);
    }

    /** Adds an initializer once; later calls with the same name are ignored. */
    String initializer(TensorProto tensor) {
        if (initializerNames.add(tensor.getName())) {
            graph.addInitializer(placement.apply(tensor));
        }
        return tensor.getName();
    }

    /** A shared int64 vector constant. */
    String ints(long... values) {
        String name = "const.int64[" + Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(","))
                + "]";
        return initializer(OnnxTensors.int64s(name, values));
    }

    /** A shared float32 scalar constant. */
    String scalar(float value) {
        return initializer(OnnxTensors.scalar("const.float[" + value + "]", value));
    }

    void input(OnnxSignature.Port port) {
        graph.addInput(OnnxTensors.valueInfo(port));
    }

    void output(OnnxSignature.Port port) {
        graph.addOutput(OnnxTensors.valueInfo(port));
    }

    GraphProto build() {
        return graph.build();
    }

    static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto attr(String name, long[] values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }
}
