package org.hrmtext.lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hrmtext.domain.data.PackedBatch;
import org.junit.jupiter.api.Test;

class SyntheticBatchesTest {

    @Test
    void fillsEveryRowWithFourPrefixLmSamples() {
        PackedBatch b = SyntheticBatches.generate(4096, 8, 256, 0);
        assertEquals(8, b.rows());
        assertEquals(256, b.seqLen());
        assertEquals(32, b.spans().size());
        assertEquals(8 * 256, b.spans().stream().mapToInt(s -> s.prefixLen() + s.causalLen()).sum());
    }
}
