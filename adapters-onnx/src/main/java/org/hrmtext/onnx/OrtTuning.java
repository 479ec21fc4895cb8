package org.hrmtext.onnx;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.hrmtext.domain.InvalidInputException;

/**
 * ONNX Runtime memory settings beyond threads and device, read from Java system properties so they
 * can be set for any command ({@code JAVA_OPTS=-Dhrm.onnx.arena=false bin/hrm ...}):
 * {@code hrm.onnx.arena} (the CPU memory arena, default on), {@code hrm.onnx.memory-pattern}
 * (pre-planned activation buffers, default on), {@code hrm.onnx.shrink-arena} (after a run of
 * more than one new token per row, a prefill, return the arena's free regions to the system:
 * run option {@code memory.enable_memory_arena_shrinkage=cpu:0}; default off, and only with the
 * arena) and {@code hrm.onnx.config}, extra session config
 * entries as {@code key=value[,key=value...]} (e.g. {@code session.disable_prepacking=1}), added
 * after, and so overriding, the defaults of {@link OrtSessions}.
 */
record OrtTuning(boolean arena, boolean memoryPattern, boolean shrinkArenaAfterPrefill,
        Map<String, String> configEntries) {
    static final String ARENA = "hrm.onnx.arena";
    static final String SHRINK = "hrm.onnx.shrink-arena";
    static final String MEMORY_PATTERN = "hrm.onnx.memory-pattern";
    static final String CONFIG = "hrm.onnx.config";

    OrtTuning {
        configEntries = Map.copyOf(configEntries);
    }

    /** The settings the JVM's system properties ask for. */
    static OrtTuning fromSystemProperties() {
        return of(System.getProperties());
    }

    /** The settings {@code props} ask for; a malformed value is refused naming the property. */
    static OrtTuning of(Properties props) {
        boolean arena = flag(props, ARENA, "true");
        return new OrtTuning(arena, flag(props, MEMORY_PATTERN, "true"), arena && flag(props, SHRINK, "false"),
                entries(props.getProperty(CONFIG, "")));
    }

    private static boolean flag(Properties props, String key, String fallback) {
        String v = props.getProperty(key, fallback).trim();
        if (!v.equals("true") && !v.equals("false")) {
            throw new InvalidInputException("-D" + key + "=" + v + ": expected true or false");
        }
        return v.equals("true");
    }

    private static Map<String, String> entries(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new InvalidInputException("-D" + CONFIG + ": \"" + part.trim()
                        + "\" is not key=value (e.g. session.disable_prepacking=1)");
            }
            out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return out;
    }
}
