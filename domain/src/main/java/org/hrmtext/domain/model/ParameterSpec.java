package org.hrmtext.domain.model;

import java.util.Arrays;

/**
 * One tensor of a model under its Hugging Face name, with its shape, the standard deviation of
 * its truncated-normal initialisation, and whether it is trained ({@code model.z_L_init} is a
 * frozen buffer).
 */
public record ParameterSpec(String name, int[] shape, double initStd, boolean trainable) {

    public ParameterSpec {
        shape = shape.clone();
    }

    public long numel() {
        return HostTensor.numel(shape);
    }

    public String shapeText() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSpec && ((ParameterSpec) o).name.equals(name)
                && Arrays.equals(((ParameterSpec) o).shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
