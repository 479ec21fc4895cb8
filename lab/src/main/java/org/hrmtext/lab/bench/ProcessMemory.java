package org.hrmtext.lab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resident memory of this process from {@code /proc/self/status}: current ({@code VmRSS}) and
 * peak ({@code VmHWM}), in bytes; −1 where the platform has no such file. Resident memory counts
 * the native allocations of a backend, which the JVM heap statistics do not.
 */
public record ProcessMemory(long rssBytes, long peakRssBytes) {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    public static ProcessMemory now() {
        try {
            long rss = -1;
            long peak = -1;
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kilobytes(line);
                }
            }
            return new ProcessMemory(rss, peak);
        } catch (IOException e) {
            return new ProcessMemory(-1, -1);
        }
    }

    /**
     * Resets the peak ({@code VmHWM}) to the current resident size by writing 5 to
     * {@code /proc/self/clear_refs} (Linux 4.0+), so a later peak counts only what came after;
     * false where that is not possible.
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Parses {@code "VmRSS:    1234 kB"} into bytes. */
    static long kilobytes(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]) * 1024;
    }
}
