package org.hrmtext.ports;

import java.util.List;

/**
 * The graph inputs and outputs of an exported model file, in file order, as {@code hrm inspect}
 * prints them: each with its element type and dims (numbers, or names of symbolic axes).
 */
public record ExportedSignature(List<Port> inputs, List<Port> outputs) {

    public ExportedSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** One input or output: name, element type ({@code float32}, {@code int64}, ...) and dims. */
    public record Port(String name, String dtype, List<String> dims) {
        public Port {
            dims = List.copyOf(dims);
        }
    }
}
