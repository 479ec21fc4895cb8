package org.hrmtext.domain.model;

import java.util.Arrays;
import org.hrmtext.domain.InvalidInputException;

/**
 * A named float32 tensor in JVM memory, row-major: how weights, optimizer moments and logits
 * cross the port between the application and a backend.
 */
public record HostTensor(String name, int[] shape, float[] data) {

    public HostTensor {
        shape = shape.clone();
        if (numel(shape) != data.length) {
            throw new InvalidInputException("tensor " + name + ": shape " + Arrays.toString(shape) + " needs "
                    + numel(shape) + " values, got " + data.length);
        }
    }

    public static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    public HostTensor renamed(String newName) {
        return new HostTensor(newName, shape, data);
    }

    /** L2 norm, accumulated in double. */
    public double l2Norm() {
        double s = 0;
        for (float v : data) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostTensor && ((HostTensor) o).name.equals(name)
                && Arrays.equals(((HostTensor) o).shape, shape) && Arrays.equals(((HostTensor) o).data, data);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
