package org.hrmtext.app.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hrmtext.domain.data.Sample;

/**
 * What {@code hrm prepare} kept and why it left the rest out: samples and tokens kept, a
 * histogram of packed sample lengths (buckets up to 16, 32, 64, …), and per reason the count and
 * the line numbers (the first {@value #LISTED}) of dropped, skipped (malformed) and truncated lines.
 * Statistics of consecutive parts of an input {@link #merge} into those of the whole.
 */
public final class PrepareStats implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String EMPTY_RESPONSE = "empty_response";
    static final String RESPONSE_TOKENIZES_TO_NOTHING = "response_tokenizes_to_nothing";
    static final String OVERLONG = "overlong";
    static final String INSTRUCTION_TOO_LONG = "instruction_too_long";
    private static final int LISTED = 100;

    private long lines;
    private int samples;
    private long tokens;
    private int longest;
    private final Map<Integer, Long> histogram = new TreeMap<>();
    private final Map<String, List<Integer>> dropped = new LinkedHashMap<>();
    private final Map<String, Long> droppedCounts = new LinkedHashMap<>();
    private final List<String> malformed = new ArrayList<>();
    private long malformedCount;
    private final List<Integer> truncated = new ArrayList<>();
    private long truncatedCount;

    void line() {
        lines++;
    }

    void kept(Sample s) {
        samples++;
        tokens += s.instruction().length + s.response().length;
        longest = Math.max(longest, s.packedLength());
        int bucket = 16;
        while (bucket < s.packedLength()) {
            bucket *= 2;
        }
        histogram.merge(bucket, 1L, Long::sum);
    }

    void dropped(String reason, int line) {
        droppedCounts.merge(reason, 1L, Long::sum);
        List<Integer> listed = dropped.computeIfAbsent(reason, r -> new ArrayList<>());
        if (listed.size() < LISTED) {
            listed.add(line);
        }
    }

    void malformed(String file, int line, String reason) {
        if (malformedCount++ < LISTED) {
            malformed.add((file.isEmpty() ? "" : file + ": ") + "line " + line + ": " + reason);
        }
    }

    void truncated(int line) {
        if (truncatedCount++ < LISTED) {
            truncated.add(line);
        }
    }

    /** Adds the statistics of the lines that follow those counted here (e.g. the next partition), as if read in one pass. */
    public void merge(PrepareStats later) {
        lines += later.lines;
        samples += later.samples;
        tokens += later.tokens;
        longest = Math.max(longest, later.longest);
        later.histogram.forEach((bucket, n) -> histogram.merge(bucket, n, Long::sum));
        later.droppedCounts.forEach((reason, n) -> droppedCounts.merge(reason, n, Long::sum));
        later.dropped.forEach((reason, listed) -> append(dropped.computeIfAbsent(reason, r -> new ArrayList<>()), listed));
        append(malformed, later.malformed);
        malformedCount += later.malformedCount;
        append(truncated, later.truncated);
        truncatedCount += later.truncatedCount;
    }

    private static <T> void append(List<T> to, List<T> from) {
        to.addAll(from.subList(0, Math.min(from.size(), Math.max(0, LISTED - to.size()))));
    }

    /** The most tokens a kept sample takes in a packed row. */
    public int longest() {
        return longest;
    }

    public int samples() {
        return samples;
    }

    public long tokens() {
        return tokens;
    }

    public long malformedCount() {
        return malformedCount;
    }

    /** The malformed lines as {@code line N: reason} ({@code FILE: line N: reason} in a directory of parts), the first {@value #LISTED}. */
    public List<String> malformedLines() {
        return List.copyOf(malformed);
    }

    /** The statistics as written to {@code stats.json}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lines", lines);
        m.put("samples", samples);
        m.put("tokens", tokens);
        m.put("longest_sample", longest);
        Map<String, Object> h = new LinkedHashMap<>();
        histogram.forEach((bucket, n) -> h.put("<=" + bucket, n));
        m.put("length_histogram", h);
        Map<String, Object> d = new LinkedHashMap<>();
        droppedCounts.forEach((reason, n) -> d.put(reason, countAndLines(n, dropped.get(reason))));
        m.put("dropped", d);
        m.put("skipped", countAndLines(malformedCount, malformed));
        m.put("truncated", countAndLines(truncatedCount, truncated));
        return m;
    }

    /** {@code {"count": n, "lines": [...]}} in that order, so that stats.json is the same byte for byte on every run. */
    private static Map<String, Object> countAndLines(long count, List<?> lines) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("lines", lines);
        return m;
    }

    /** One line for the console: what was kept, and each reason with its line numbers. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(samples).append(" samples, ").append(tokens).append(" tokens (longest ").append(longest).append(')');
        String changes = droppedAndTruncated();
        if (!changes.isEmpty()) {
            sb.append("; ").append(changes);
        }
        if (malformedCount > 0) {
            sb.append("; skipped ").append(malformedCount).append(" malformed (").append(String.join("; ", malformed))
                    .append(malformedCount > malformed.size() ? "; …" : "").append(')');
        }
        return sb.toString();
    }

    /** The dropped and truncated lines by reason, e.g. {@code dropped 1 empty_response (line 3)}; empty when none. */
    public String droppedAndTruncated() {
        List<String> parts = new ArrayList<>();
        droppedCounts.forEach((reason, n) -> parts.add("dropped " + n + " " + reason + " (" + lineList(dropped.get(reason), n)
                + ")"));
        if (truncatedCount > 0) {
            parts.add("truncated " + truncatedCount + " (" + lineList(truncated, truncatedCount) + ")");
        }
        return String.join("; ", parts);
    }

    private static String lineList(List<Integer> lines, long count) {
        return "line" + (count > 1 ? "s " : " ") + lines.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + (count > lines.size() ? ", …" : "");
    }
}
