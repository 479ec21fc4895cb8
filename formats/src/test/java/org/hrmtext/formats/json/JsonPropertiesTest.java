package org.hrmtext.formats.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Properties of the JSON reader, checked on generated input (QuickTheories, fixed seed): any text
 * either parses or fails with a located one-line {@link InvalidInputException} (never another
 * exception or a stack overflow); what {@link JsonWriter} writes reads back equal; a valid
 * document with one character changed, removed or inserted still parses or fails cleanly.
 */
class JsonPropertiesTest {
    private static final long SEED = 20261202L;

    @Test
    void anyTextParsesOrFailsWithALocatedMessage() {
        qt().withFixedSeed(SEED).withExamples(3000).forAll(strings().allPossible().ofLengthBetween(0, 60))
                .checkAssert(JsonPropertiesTest::parsesOrFailsCleanly);
    }

    @Test
    void textOfJsonCharactersParsesOrFailsWithALocatedMessage() {
        Gen<String> jsonish = in -> {
            String alphabet = "{}[]\",:0123456789.eE+-tfnrulase \\u\n";
            int n = (int) in.next(Constraint.between(0, 40));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt((int) in.next(Constraint.between(0, alphabet.length() - 1))));
            }
            return sb.toString();
        };
        qt().withFixedSeed(SEED).withExamples(5000).forAll(jsonish).checkAssert(JsonPropertiesTest::parsesOrFailsCleanly);
    }

    @Test
    void writtenValuesReadBackEqual() {
        qt().withFixedSeed(SEED).withExamples(1000).forAll(JsonPropertiesTest.values()).checkAssert(v -> {
            assertEquals(v, Json.parse(JsonWriter.compact(v)));
            assertEquals(v, Json.parse(JsonWriter.pretty(v)));
        });
    }

    @Test
    void oneEditedCharacterParsesOrFailsCleanly() {
        Gen<String> edited = values().zip(integers().between(0, 10_000), integers().between(0, 2), integers().between(0, 127),
                (v, at, kind, c) -> edit(JsonWriter.compact(v), at, kind, (char) (int) c));
        qt().withFixedSeed(SEED).withExamples(3000).forAll(edited).checkAssert(JsonPropertiesTest::parsesOrFailsCleanly);
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("nested deeper than " + Json.MAX_DEPTH), e.getMessage());
        assertEquals(1, ((List<?>) Json.parse("[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH))).size());
    }

    @Test
    void duplicateKeysAreRefusedWithTheirPosition() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Json.parse("{\"a\": 1,\n \"a\": 2}"));
        assertEquals("invalid JSON at line 2, column 2: duplicate key \"a\"", e.getMessage());
    }

    @Test
    void badEscapesAndHugeNumbersAreRefused() {
        assertThrows(InvalidInputException.class, () -> Json.parse("\"\\uZZZZ\""));
        assertThrows(InvalidInputException.class, () -> Json.parse("1e999"));
        assertThrows(InvalidInputException.class, () -> Json.parse("99999999999999999999"));
    }

    private static void parsesOrFailsCleanly(String text) {
        try {
            Json.parse(text);
        } catch (InvalidInputException e) {
            assertTrue(e.getMessage().startsWith("invalid JSON at line "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    private static String edit(String text, int at, int kind, char c) {
        int i = at % (text.length() + 1);
        if (kind == 0 && i < text.length()) {
            return text.substring(0, i) + text.substring(i + 1);
        }
        if (kind == 1 && i < text.length()) {
            return text.substring(0, i) + c + text.substring(i + 1);
        }
        return text.substring(0, i) + c + text.substring(i);
    }

    /** Objects, arrays, strings (any characters), integers, finite doubles, booleans and null, nested up to 4 deep. */
    static Gen<Object> values() {
        return in -> value(in, 0);
    }

    private static Object value(RandomnessSource in, int depth) {
        int kind = (int) in.next(Constraint.between(0, depth >= 4 ? 4 : 6));
        switch (kind) {
            case 0: return in.next(Constraint.between(Long.MIN_VALUE, Long.MAX_VALUE));
            case 1: return text(in);
            case 2: return in.next(Constraint.between(0, 1)) == 0;
            case 3: return null;
            case 4: {
                double d = Double.longBitsToDouble(in.next(Constraint.none()));
                return Double.isFinite(d) && d != Math.rint(d) ? d : 0.5;
            }
            case 5: {
                Map<String, Object> m = new LinkedHashMap<>();
                int n = (int) in.next(Constraint.between(0, 4));
                for (int i = 0; i < n; i++) {
                    m.put(text(in), value(in, depth + 1));
                }
                return m;
            }
            default: {
                List<Object> l = new ArrayList<>();
                int n = (int) in.next(Constraint.between(0, 4));
                for (int i = 0; i < n; i++) {
                    l.add(value(in, depth + 1));
                }
                return l;
            }
        }
    }

    private static String text(RandomnessSource in) {
        int n = (int) in.next(Constraint.between(0, 8));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) in.next(Constraint.between(0, 0xFFFF)));
        }
        return sb.toString();
    }
}
