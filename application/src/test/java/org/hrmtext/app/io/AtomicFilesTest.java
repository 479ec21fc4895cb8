package org.hrmtext.app.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write replaces its target atomically and removes what a killed writer of that target left behind. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writeRemovesTheTemporaryOfADeadWriterAndKeepsALiveOnes() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        long dead = finished.pid();
        long live = ProcessHandle.current().parent().orElseThrow().pid();
        Path target = dir.resolve("model_ema.safetensors");
        Path deadTmp = Files.writeString(dir.resolve(".model_ema.safetensors.tmp-" + dead), "half written");
        Path liveTmp = Files.writeString(dir.resolve(".model_ema.safetensors.tmp-" + live), "being written");
        Path otherTarget = Files.writeString(dir.resolve(".config.json.tmp-" + dead), "another file's");

        AtomicFiles.writeString(target, "complete");

        assertEquals("complete", Files.readString(target));
        assertFalse(Files.exists(deadTmp), "a killed writer's temporary stays behind");
        assertTrue(Files.exists(liveTmp), "a running writer's temporary was removed");
        assertTrue(Files.exists(otherTarget), "another target's temporary was removed");
    }

    @Test
    void aTemporaryNotNamedByAProcessIsLeftAlone() throws IOException {
        Path odd = Files.writeString(dir.resolve(".a.json.tmp-notapid"), "x");
        AtomicFiles.writeString(dir.resolve("a.json"), "{}");
        assertTrue(Files.exists(odd));
    }
}
