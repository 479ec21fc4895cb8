package org.hrmtext.domain.data;

import java.util.List;

/** The packed batch of shared/golden/hrm/batch.json, copied here (domain tests read no shared files). */
public final class GoldenBatch {
    public static final int[][] INSTRUCTIONS = {{42, 37, 52, 34, 60, 55, 31}, {62, 65, 92, 24}};
    public static final int[][] RESPONSES = {{6, 87, 54, 35, 58}, {17, 4, 5, 70, 26, 94, 32, 22, 27}};
    public static final int[] INPUTS = {42, 37, 52, 34, 60, 55, 31, 6, 87, 54, 35, 62, 65, 92, 24, 17, 4, 5, 70, 26, 94,
        32, 22, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    public static final int[] LABELS = {-100, -100, -100, -100, -100, -100, 6, 87, 54, 35, 58, -100, -100, -100, 17, 4, 5,
        70, 26, 94, 32, 22, 27, -100, -100, -100, -100, -100, -100, -100, -100, -100};
    public static final int[] POSITIONS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 0, 0,
        0, 0, 0, 0, 0, 0};

    private GoldenBatch() {
    }

    public static PackedBatch batch() {
        return new PackedBatch(1, 32, INPUTS, LABELS, POSITIONS,
                List.of(new SequenceSpan(0, 0, 7, 4), new SequenceSpan(0, 11, 4, 8)));
    }

    public static List<Sample> samples() {
        return List.of(new Sample(INSTRUCTIONS[0], RESPONSES[0]), new Sample(INSTRUCTIONS[1], RESPONSES[1]));
    }
}
