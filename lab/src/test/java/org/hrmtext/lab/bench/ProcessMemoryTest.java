package org.hrmtext.lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void parsesProcStatusLines() {
        assertEquals(2048L * 1024, ProcessMemory.kilobytes("VmHWM:\t    2048 kB"));
    }

    @Test
    void peakIsAtLeastCurrentWhereAvailable() {
        ProcessMemory m = ProcessMemory.now();
        assertTrue(m.rssBytes() == -1 || m.peakRssBytes() >= m.rssBytes());
    }
}
