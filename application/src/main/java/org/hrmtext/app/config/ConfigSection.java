package org.hrmtext.app.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hrmtext.domain.InvalidInputException;

/**
 * Typed, strict access to one section of a {@link ConfigTree}: a value of the wrong type or a key
 * the section does not know fails with the file, the dotted key and what was expected.
 */
public final class ConfigSection {
    private final ConfigTree tree;
    private final String name;
    private final Map<String, Object> values;

    ConfigSection(ConfigTree tree, String name, Map<String, Object> values) {
        this.tree = tree;
        this.name = name;
        this.values = values;
    }

    public String name() {
        return name;
    }

    /** The raw (normalised) values of this section, in file order. */
    public Map<String, Object> values() {
        return values;
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    public int intValue(String key, int fallback) {
        long v = longValue(key, fallback);
        if (v != (int) v) {
            throw error(key, "an integer that fits in 32 bits", values.get(key));
        }
        return (int) v;
    }

    /** An integer that must be present. */
    public int requireInt(String key) {
        if (!has(key)) {
            throw new InvalidInputException(tree.file() + ": missing key " + name + "." + key + " (expected an integer)");
        }
        return intValue(key, 0);
    }

    public long longValue(String key, long fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Long)) {
            throw error(key, "an integer", v);
        }
        return (Long) v;
    }

    public double doubleValue(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number)) {
            throw error(key, "a number", v);
        }
        return ((Number) v).doubleValue();
    }

    public boolean booleanValue(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean)) {
            throw error(key, "true or false", v);
        }
        return (Boolean) v;
    }

    public Optional<String> stringValue(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String)) {
            throw error(key, "a string", v);
        }
        return Optional.of((String) v);
    }

    /** Fails on the first key of this section that is not in {@code known}. */
    public void allowOnly(Set<String> known) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new InvalidInputException(tree.where(name + "." + key) + ": unknown key (expected one of "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    /** Prefixes a message about one key with the file and the dotted key. */
    public InvalidInputException error(String key, String message) {
        return new InvalidInputException(tree.where(name + "." + key) + ": " + message);
    }

    /** The file (and section) for errors raised by code that reads this section's values as a whole. */
    public String source() {
        return tree.file() + ": " + name;
    }

    private InvalidInputException error(String key, String expected, Object got) {
        String shown = got instanceof String ? "\"" + got + "\"" : String.valueOf(got);
        return error(key, "expected " + expected + ", got " + shown);
    }
}
