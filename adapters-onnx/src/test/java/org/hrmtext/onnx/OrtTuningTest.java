package org.hrmtext.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.hrmtext.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The {@code hrm.onnx.*} system properties: defaults, parsed values, and one-line errors naming the property. */
class OrtTuningTest {
    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsKeepTheArenaAndMemoryPatternAndAddNoEntries() {
        OrtTuning t = OrtTuning.of(props());
        assertTrue(t.arena());
        assertTrue(t.memoryPattern());
        assertFalse(t.shrinkArenaAfterPrefill());
        assertEquals(Map.of(), t.configEntries());
    }

    @Test
    void readsFlagsAndConfigEntries() {
        OrtTuning t = OrtTuning.of(props(OrtTuning.ARENA, "false", OrtTuning.MEMORY_PATTERN, "false",
                OrtTuning.SHRINK, "true", OrtTuning.CONFIG, "session.disable_prepacking=1, session.use_env_allocators=1"));
        assertFalse(t.arena());
        assertFalse(t.memoryPattern());
        assertFalse(t.shrinkArenaAfterPrefill(), "no arena, nothing to shrink");
        assertTrue(OrtTuning.of(props(OrtTuning.SHRINK, "true")).shrinkArenaAfterPrefill());
        assertEquals(Map.of("session.disable_prepacking", "1", "session.use_env_allocators", "1"), t.configEntries());
    }

    @Test
    void malformedValuesNameTheProperty() {
        InvalidInputException flag = assertThrows(InvalidInputException.class,
                () -> OrtTuning.of(props(OrtTuning.ARENA, "off")));
        assertTrue(flag.getMessage().contains("hrm.onnx.arena=off"), flag.getMessage());
        InvalidInputException entry = assertThrows(InvalidInputException.class,
                () -> OrtTuning.of(props(OrtTuning.CONFIG, "session.disable_prepacking")));
        assertTrue(entry.getMessage().contains("hrm.onnx.config") && entry.getMessage().contains("key=value"),
                entry.getMessage());
    }
}
