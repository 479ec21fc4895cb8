package org.hrmtext.app.io;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line on stderr for anything that runs longer than a few seconds: step/total, the
 * caller's fields (loss, tokens/s, lr, …) and the ETA. On a terminal it redraws one line with
 * {@code \r} at most ten times a second; otherwise it prints a plain line every ten seconds and
 * at the last step, so logs stay readable.
 */
public final class ProgressBar {
    private static final long TERMINAL_INTERVAL_NS = 100_000_000L;
    private static final long PLAIN_INTERVAL_NS = 10_000_000_000L;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final long startNs = System.nanoTime();
    private final long firstStep;
    private long lastDrawNs;
    private int lastWidth;

    /**
     * @param firstStep the step the run starts after (0, or the step a resumed run continues from)
     */
    public ProgressBar(PrintStream out, String label, long firstStep, long total, boolean terminal) {
        this.out = out;
        this.label = label;
        this.firstStep = firstStep;
        this.total = total;
        this.terminal = terminal;
    }

    /** A bar on {@code System.err}, redrawn in place when the program runs in a terminal. */
    public static ProgressBar onStderr(String label, long firstStep, long total) {
        return new ProgressBar(System.err, label, firstStep, total, System.console() != null);
    }

    public void update(long step, String fields) {
        long now = System.nanoTime();
        boolean last = step >= total;
        if (!last && now - lastDrawNs < (terminal ? TERMINAL_INTERVAL_NS : PLAIN_INTERVAL_NS)) {
            return;
        }
        lastDrawNs = now;
        String line = String.format(Locale.ROOT, "%s %d/%d %s eta %s", label, step, total, fields, eta(step, now));
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
            if (last) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    private String eta(long step, long now) {
        long done = step - firstStep;
        if (done <= 0) {
            return "?";
        }
        long seconds = Math.round((now - startNs) / 1e9 / done * (total - step));
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
