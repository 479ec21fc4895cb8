package org.hrmtext.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.hrmtext.domain.InvalidInputException;

/**
 * A YAML configuration file as nested maps, with {@code --set key=value} overrides applied on
 * top (dotted keys, values parsed as YAML scalars). It remembers which keys came from
 * {@code --set}, so that an error names where the bad value was written.
 */
public final class ConfigTree {
    private final String file;
    private final Map<String, Object> root;
    private final Set<String> overridden = new HashSet<>();

    private ConfigTree(String file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    public static ConfigTree load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage());
        }
        Object parsed = parseYaml(file.toString(), text);
        if (parsed == null) {
            return new ConfigTree(file.toString(), new LinkedHashMap<>());
        }
        if (!(parsed instanceof Map)) {
            throw new InvalidInputException(file + ": expected a mapping of sections (model, train, optimizer, backend)");
        }
        return new ConfigTree(file.toString(), (Map<String, Object>) parsed);
    }

    /** Applies one {@code key=value} override, e.g. {@code optimizer.lr=3e-4}. */
    @SuppressWarnings("unchecked")
    public void override(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new InvalidInputException("--set " + assignment + ": expected key=value, e.g. train.steps=100");
        }
        String key = assignment.substring(0, eq).trim();
        String[] parts = key.split("\\.", -1);
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
            if (!(child instanceof Map)) {
                throw new InvalidInputException("--set " + key + ": " + String.join(".", Arrays.copyOf(parts, i + 1))
                        + " is a value, not a section");
            }
            node = (Map<String, Object>) child;
        }
        node.put(parts[parts.length - 1], parseYaml("--set " + key, assignment.substring(eq + 1)));
        overridden.add(key);
    }

    /**
     * Fills in, from {@code defaults}, every key this tree does not set (section by section), so
     * that this tree's own keys, and later {@code --set} overrides, take precedence.
     */
    @SuppressWarnings("unchecked")
    public void underlay(ConfigTree defaults) {
        for (Map.Entry<String, Object> e : defaults.root.entrySet()) {
            Object mine = root.get(e.getKey());
            if (mine == null) {
                root.put(e.getKey(), e.getValue() instanceof Map ? new LinkedHashMap<>((Map<String, Object>) e.getValue()) : e.getValue());
            } else if (mine instanceof Map && e.getValue() instanceof Map) {
                ((Map<String, Object>) e.getValue()).forEach(((Map<String, Object>) mine)::putIfAbsent);
            }
        }
    }

    /** A top-level section; an absent section reads as empty (all defaults). */
    @SuppressWarnings("unchecked")
    public ConfigSection section(String name) {
        Object v = root.get(name);
        if (v == null) {
            return new ConfigSection(this, name, Map.of());
        }
        if (!(v instanceof Map)) {
            throw new InvalidInputException(where(name) + ": expected a section (a mapping of keys)");
        }
        return new ConfigSection(this, name, (Map<String, Object>) v);
    }

    /** Fails on a top-level key that is not one of {@code sections}. */
    public void allowOnly(Set<String> sections) {
        for (String key : root.keySet()) {
            if (!sections.contains(key)) {
                throw new InvalidInputException(where(key) + ": unknown section (expected one of "
                        + String.join(", ", sections) + ")");
            }
        }
    }

    /** The file, plus the key, plus a note when the key was set on the command line. */
    String where(String dottedKey) {
        return file + ": key " + dottedKey + (overridden.contains(dottedKey) ? " (from --set)" : "");
    }

    String file() {
        return file;
    }

    private static Object parseYaml(String source, String text) {
        try {
            return YamlValues.parse(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidInputException(source + ": invalid YAML" + position + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }
}
