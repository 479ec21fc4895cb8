package org.hrmtext.domain.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.Sample;
import org.junit.jupiter.api.Test;

class TokenLayoutTest {
    /** A vocabulary where the reference special tokens have ids 100…106 in role order. */
    private static int idOf(String name) {
        int role = List.copyOf(SpecialTokens.reference().byKey().values()).indexOf(name);
        return role < 0 ? -1 : 100 + role;
    }

    private static TokenLayout layout() {
        return TokenLayout.resolve(SpecialTokens.reference(), TokenLayoutTest::idOf, "test vocabulary");
    }

    @Test
    void resolvesTheReferenceNamesByRole() {
        TokenLayout l = layout();
        assertEquals(100, l.boq());
        assertEquals(101, l.eoq());
        assertEquals(102, l.eoa());
        assertEquals(Map.of(Condition.DIRECT, 103, Condition.COT, 104, Condition.SYNTH, 105, Condition.NOISY, 106),
                l.conditions());
        assertEquals("<|object_ref_start|>", SpecialTokens.reference().conditions().get(Condition.DIRECT));
    }

    @Test
    void laysOutInstructionAndResponseWithComposedConditions() {
        TokenLayout l = layout();
        Sample s = l.sample(Condition.parseList("synth,cot"), new int[] {7, 8}, new int[] {9});
        assertArrayEquals(new int[] {100, 105, 104, 7, 8, 101}, s.instruction());
        assertArrayEquals(new int[] {9, 102}, s.response());
        assertArrayEquals(new int[] {100, 5, 101}, l.instruction(Condition.parseList(""), new int[] {5}));
        assertArrayEquals(new int[] {4, 5}, l.answer(new int[] {4, 5, 102, 6}));
        assertArrayEquals(new int[] {4, 5}, l.answer(new int[] {4, 5}));
    }

    @Test
    void aMissingSpecialTokenIsAnErrorNamingIt() {
        SpecialTokens names = SpecialTokens.reference().with("cot", "<|think|>");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TokenLayout.resolve(names, TokenLayoutTest::idOf, "tokenizer.json"));
        assertEquals("tokenizer.json: special token \"<|think|>\" (cot) is not in the vocabulary; add it or rename the cot token",
                e.getMessage());
    }

    @Test
    void conditionsAndNamesAreValidated() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Condition.parseList("synth,thinking"));
        assertTrue(e.getMessage().contains("\"thinking\"") && e.getMessage().contains("direct"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> SpecialTokens.byteLevel().with("eoq", "<boq>"));
        assertThrows(InvalidInputException.class, () -> SpecialTokens.byteLevel().with("bos", "<s>"));
        assertEquals("</s>", SpecialTokens.byteLevel().with(Map.of("eoa", "</s>")).eoa());
    }
}
