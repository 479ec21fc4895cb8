package org.hrmtext.formats.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The domain's strict JSON reader: values, and errors that say where the text went wrong. */
class JsonTest {

    @Test
    void readsObjectsArraysNumbersStringsAndLiterals() {
        Map<String, Object> m = Json.parseObject(
                "{\"n\": 3, \"x\": -1.5e-3, \"s\": \"a\\\"b\\u0041\\n\", \"l\": [true, false, null], \"o\": {}}");
        assertEquals(List.of("n", "x", "s", "l", "o"), List.copyOf(m.keySet()), "insertion order");
        assertEquals(3L, m.get("n"));
        assertEquals(-1.5e-3, m.get("x"));
        assertEquals("a\"bA\n", m.get("s"));
        assertEquals(Arrays.asList(true, false, null), m.get("l"));
        assertEquals(Map.of(), m.get("o"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing colon          | '{\\n  \"a\": 1,\\n  \"b\" 2\\n}' | line 3, column 7 | expected ':'",
        "unterminated string    | '{\"a\": \"abc'                 | line 1, column 11 | unterminated string",
        "text after the value   | '{}\\n\\n x'                     | line 3, column 2 | unexpected text after",
        "bad number             | '[1, 2.3.4]'                    | line 1, column 10 | bad number '2.3.4'",
        "unknown literal        | '[\\n tru]'                     | line 2, column 2 | unexpected token",
        "unexpected character   | '{\"a\": @}'                    | line 1, column 7 | unexpected character '@'",
        "empty input            | ''                              | line 1, column 1 | unexpected end of input",
        "missing comma in array | '[1\\n 2]'                      | line 2, column 2 | expected ']'"})
    void errorsNameLineAndColumn(String what, String escaped, String where, String reason) {
        String text = escaped.replace("\\n", "\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Json.parse(text));
        assertTrue(e.getMessage().contains(where), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void parseObjectRejectsOtherValues() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Json.parseObject("[1]"));
        assertTrue(e.getMessage().contains("expected a JSON object"), e.getMessage());
    }

    @Test
    void writerOutputReadsBackToTheSameValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eps", 1e-6);
        m.put("ids", List.of(1L, -2L, 3L));
        m.put("name", "tab\tquote\"");
        m.put("flag", false);
        assertEquals(m, Json.parse(JsonWriter.pretty(m)));
        assertEquals(m, Json.parse(JsonWriter.compact(m)));
    }

    @Test
    void fieldErrorsNameSourceAndKey() {
        JsonFields f = new JsonFields("config.json", Json.parseObject("{\"hidden_size\": \"wide\", \"ids\": [1, 2.5]}"));
        InvalidInputException typed = assertThrows(InvalidInputException.class, () -> f.requireInt("hidden_size"));
        assertEquals("config.json: key hidden_size: expected an integer, got \"wide\"", typed.getMessage());
        InvalidInputException element = assertThrows(InvalidInputException.class, () -> f.requireIntArray("ids"));
        assertEquals("config.json: key ids[1]: expected an integer, got 2.5", element.getMessage());
        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> f.requireInt("vocab_size"));
        assertEquals("config.json: missing key vocab_size (expected an integer)", missing.getMessage());
    }
}
