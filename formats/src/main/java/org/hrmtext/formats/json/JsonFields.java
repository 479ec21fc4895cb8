package org.hrmtext.formats.json;

import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;

/**
 * Typed access to the fields of a parsed JSON object, with errors that name the source and key
 * ("config.json: key hidden_size: expected an integer, got "wide"").
 */
public final class JsonFields {
    private final String source;
    private final Map<String, Object> map;

    public JsonFields(String source, Map<String, Object> map) {
        this.source = source;
        this.map = map;
    }

    public boolean has(String key) {
        return map.containsKey(key) && map.get(key) != null;
    }

    public int requireInt(String key) {
        if (!has(key)) {
            throw missing(key, "an integer");
        }
        return intValue(key);
    }

    public int optInt(String key, int fallback) {
        return has(key) ? intValue(key) : fallback;
    }

    public double requireDouble(String key) {
        if (!has(key)) {
            throw missing(key, "a number");
        }
        return doubleValue(key);
    }

    public double optDouble(String key, double fallback) {
        return has(key) ? doubleValue(key) : fallback;
    }

    public boolean optBoolean(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = map.get(key);
        if (!(v instanceof Boolean)) {
            throw mistyped(key, "true or false", v);
        }
        return (Boolean) v;
    }

    public String optString(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = map.get(key);
        if (!(v instanceof String)) {
            throw mistyped(key, "a string", v);
        }
        return (String) v;
    }

    public String requireString(String key) {
        if (!has(key)) {
            throw missing(key, "a string");
        }
        return optString(key, null);
    }

    /** An array of integers. */
    public int[] requireIntArray(String key) {
        if (!has(key)) {
            throw missing(key, "an array of integers");
        }
        Object v = map.get(key);
        if (!(v instanceof List)) {
            throw mistyped(key, "an array of integers", v);
        }
        List<?> list = (List<?>) v;
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object e = list.get(i);
            if (!(e instanceof Long) || (Long) e != (int) (long) (Long) e) {
                throw new InvalidInputException(source + ": key " + key + "[" + i
                        + "]: expected an integer, got " + render(e));
            }
            out[i] = (int) (long) (Long) e;
        }
        return out;
    }

    private int intValue(String key) {
        Object v = map.get(key);
        if (v instanceof Long && (Long) v == (int) (long) (Long) v) {
            return (int) (long) (Long) v;
        }
        throw mistyped(key, "an integer", v);
    }

    private double doubleValue(String key) {
        Object v = map.get(key);
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        throw mistyped(key, "a number", v);
    }

    private InvalidInputException missing(String key, String expected) {
        return new InvalidInputException(source + ": missing key " + key + " (expected " + expected + ")");
    }

    private InvalidInputException mistyped(String key, String expected, Object got) {
        return new InvalidInputException(source + ": key " + key + ": expected " + expected + ", got " + render(got));
    }

    private static String render(Object v) {
        return v instanceof String ? "\"" + v + "\"" : JsonWriter.compact(v);
    }
}
