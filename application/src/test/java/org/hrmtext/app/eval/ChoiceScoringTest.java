package org.hrmtext.app.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.hrmtext.app.batch.EvalItem;
import org.junit.jupiter.api.Test;

/**
 * Guards the multiple-choice protocol of {@code hrm eval --mode choice}: the first letter of the
 * generated answer (either case, after whitespace) picks a choice; a right letter scores 1, a
 * wrong one 0, and anything that is no letter of the listed choices scores 1/n.
 */
class ChoiceScoringTest {
    private static final EvalItem THREE = new EvalItem(1L, 1, "all", "q", null, List.of("x", "y", "z"), 1, List.of());

    @Test
    void theRightLetterScoresOneAndAWrongOneZero() {
        assertEquals(1.0, GenerationScorer.choice(THREE, "B"));
        assertEquals(1.0, GenerationScorer.choice(THREE, "  b. y"));
        assertEquals(0.0, GenerationScorer.choice(THREE, "A"));
        assertEquals(0.0, GenerationScorer.choice(THREE, "C"));
    }

    @Test
    void anInvalidAnswerScoresOneOverTheNumberOfChoices() {
        for (String invalid : List.of("", "   ", "D", "7", "?", "\uFFFD", "zebra")) {
            assertEquals(1.0 / 3, GenerationScorer.choice(THREE, invalid), "\"" + invalid + "\"");
        }
    }

    @Test
    void theChoicePromptListsLetteredChoices() {
        assertEquals("q\nA. x\nB. y\nC. z\nAnswer:", THREE.choicePrompt());
    }
}
