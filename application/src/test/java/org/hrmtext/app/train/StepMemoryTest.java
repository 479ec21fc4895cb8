package org.hrmtext.app.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hrmtext.app.config.TrainingConfig;
import org.hrmtext.app.config.TrainingConfigLoader;
import org.hrmtext.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepMemoryTest {
    private static TrainingConfig config(Path dir, String rows) throws IOException {
        Path yaml = Files.writeString(dir.resolve("c.yaml"), "model:\n  preset: tiny\ntrain:\n  steps: 10\n  seq_len: 128\n");
        return TrainingConfigLoader.load(yaml, List.of("train.rows=" + rows));
    }

    @Test
    void aBatchFarTooLargeForTheMachineIsRefusedBeforeTheRun(@TempDir Path dir) throws IOException {
        String m = assertThrows(InvalidInputException.class, () -> StepMemory.check(config(dir, "1000000"))).getMessage();
        assertTrue(m.startsWith("train.rows = 1000000 × train.seq_len = 128: one training step needs at least "), m);
        assertTrue(m.endsWith("GiB of memory: lower train.rows or train.seq_len"), m);
        String rows = assertThrows(InvalidInputException.class, () -> StepMemory.check(config(dir, "1000000000"))).getMessage();
        assertTrue(rows.startsWith("train.rows × train.seq_len = 128,000,000,000 tokens per step"), rows);
    }

    @Test
    void anOrdinaryBatchPasses(@TempDir Path dir) throws IOException {
        TrainingConfig c = config(dir, "8");
        assertDoesNotThrow(() -> StepMemory.check(c));
        assertTrue(StepMemory.bytes(c) > 1e6 && StepMemory.bytes(c) < 1e9, "estimate " + StepMemory.bytes(c));
    }
}
