package org.hrmtext.ports;

/**
 * How a backend should run: the device ({@code cpu} or {@code cuda}) and the number of compute
 * threads (0 = the backend's default). On a shared 2-core machine one thread holds up best.
 */
public record BackendOptions(String device, int threads) {

    public BackendOptions {
        if (device == null || device.isBlank()) {
            device = "cpu";
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
    }

    public static BackendOptions cpu(int threads) {
        return new BackendOptions("cpu", threads);
    }
}
