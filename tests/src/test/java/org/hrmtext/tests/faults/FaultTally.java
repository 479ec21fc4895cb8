package org.hrmtext.tests.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the fault cases of one run did, group by group, written as the acceptance table: cases
 * tried, clear errors (documented exit code, one error line with the expected content, no stack
 * trace) and outputs lost (a file written, changed or removed anywhere in the case's folder).
 */
final class FaultTally {
    /** The outcome of one case. */
    record Outcome(FaultCase.Group group, String name, boolean clear, boolean lost, String message) {
    }

    private final List<Outcome> outcomes = new ArrayList<>();

    synchronized void add(Outcome o) {
        outcomes.add(o);
    }

    synchronized void write(Path file) throws IOException {
        Map<FaultCase.Group, int[]> counts = new TreeMap<>();
        for (Outcome o : outcomes) {
            int[] c = counts.computeIfAbsent(o.group(), g -> new int[3]);
            c[0]++;
            c[1] += o.clear() ? 1 : 0;
            c[2] += o.lost() ? 1 : 0;
        }
        StringBuilder sb = new StringBuilder("| group | cases tried | clear errors | outputs lost |\n|---|---:|---:|---:|\n");
        int[] total = new int[3];
        counts.forEach((g, c) -> {
            sb.append("| ").append(g.title).append(" | ").append(c[0]).append(" | ").append(c[1]).append(" | ").append(c[2])
                    .append(" |\n");
            for (int i = 0; i < 3; i++) {
                total[i] += c[i];
            }
        });
        sb.append("| **total** | **").append(total[0]).append("** | **").append(total[1]).append("** | **").append(total[2])
                .append("** |\n\n");
        for (Outcome o : outcomes) {
            sb.append("- ").append(o.clear() && !o.lost() ? "ok" : "FAIL").append(o.lost() ? " (files changed)" : "").append(" [").append(o.group().title).append("] ")
                    .append(o.name()).append(": `").append(o.message().replace('`', '\'')).append("`\n");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString());
    }
}
