package org.hrmtext.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses YAML text into the value model the domain's JSON code uses: maps keep their order,
 * integers become {@code Long}, other numbers {@code Double}. A plain scalar such as
 * {@code 1e-3} (a string under YAML 1.1's rules, which Jackson follows) is read as the number
 * it obviously is.
 */
final class YamlValues {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final Pattern EXPONENT_NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)[eE][-+]?\\d+");

    private YamlValues() {
    }

    /** Parses YAML text (a document or a single scalar; blank text is null) and normalises its values. */
    static Object parse(String text) throws JsonProcessingException {
        if (text.isBlank()) {
            return null;
        }
        return normalise(MAPPER.readValue(text, Object.class));
    }

    static Object normalise(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float || v instanceof Double || v instanceof BigDecimal) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof String && EXPONENT_NUMBER.matcher((String) v).matches()) {
            return Double.parseDouble((String) v);
        }
        if (v instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) v).forEach((k, x) -> out.put(String.valueOf(k), normalise(x)));
            return out;
        }
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            ((List<?>) v).forEach(x -> out.add(normalise(x)));
            return out;
        }
        return v;
    }
}
