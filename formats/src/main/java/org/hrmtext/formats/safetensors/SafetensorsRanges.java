package org.hrmtext.formats.safetensors;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;

/**
 * Checks that the tensors of a safetensors header tile its byte buffer: no two tensors share a
 * byte, no unused stretch of {@value #ALIGNMENT} bytes or more before, between or after them.
 * Entries whose {@code data_offsets} are malformed or run past the end of the file are left to
 * the per-tensor checks of {@link Safetensors}, which name what is wrong with them. (Duplicate
 * tensor names are refused by the JSON reader.)
 */
final class SafetensorsRanges {
    /** The most padding a writer may leave before, between or after tensors. */
    static final int ALIGNMENT = 8;

    private SafetensorsRanges() {
    }

    private record Range(String name, long from, long to) {
    }

    /** Throws naming both tensors of an overlap, or where the unused bytes are. */
    static void check(Path file, Map<String, Object> header, long dataBytes) {
        List<Range> ranges = new ArrayList<>();
        boolean allInside = true;
        for (Map.Entry<String, Object> e : header.entrySet()) {
            if (e.getKey().equals("__metadata__") || !(e.getValue() instanceof Map<?, ?> m)
                    || !(m.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2
                    || !(offsets.get(0) instanceof Long from) || !(offsets.get(1) instanceof Long to) || from < 0 || to < from) {
                continue;
            }
            if (to > dataBytes) {
                allInside = false;
            } else if (to > from) {
                ranges.add(new Range(e.getKey(), from, to));
            }
        }
        ranges.sort(Comparator.comparingLong(Range::from).thenComparingLong(Range::to));
        long end = 0;
        Range previous = null;
        for (Range r : ranges) {
            if (previous != null && r.from() < end) {
                throw new InvalidInputException(file + ": tensors " + previous.name() + " and " + r.name()
                        + " overlap in the data (bytes [" + previous.from() + ", " + previous.to() + ") and [" + r.from()
                        + ", " + r.to() + ")); each byte must belong to one tensor");
            }
            if (r.from() - end >= ALIGNMENT) {
                throw new InvalidInputException(file + ": " + (r.from() - end) + " unused bytes in the data before tensor "
                        + r.name() + " (bytes [" + end + ", " + r.from() + ")); expected tensors packed with at most "
                        + (ALIGNMENT - 1) + " bytes of padding");
            }
            end = r.to();
            previous = r;
        }
        if (allInside && dataBytes - end >= ALIGNMENT) {
            throw new InvalidInputException(file + ": " + (dataBytes - end) + " unused bytes after the last tensor (bytes ["
                    + end + ", " + dataBytes + ") of the data); expected the file to end with the tensors");
        }
    }
}
