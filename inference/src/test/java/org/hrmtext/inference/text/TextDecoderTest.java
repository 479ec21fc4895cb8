package org.hrmtext.inference.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.text.Condition;
import org.hrmtext.domain.text.SpecialTokens;
import org.hrmtext.inference.tokenizer.ByteLevelTokenizer;
import org.hrmtext.ports.Tokenizer;
import org.junit.jupiter.api.Test;

/** Streaming text from byte-level tokens: characters split across tokens, stop strings, end tokens. */
class TextDecoderTest {
    private final Tokenizer bytes = new ByteLevelTokenizer(SpecialTokens.byteLevel());
    private final int eoa = bytes.layout().eoa();

    private static int[] utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            ids[i] = b[i] & 0xFF;
        }
        return ids;
    }

    @Test
    void deltasNeverSplitACharacterAndJoinToTheText() {
        List<String> deltas = new ArrayList<>();
        TextDecoder d = new TextDecoder(bytes, Set.of(eoa), List.of(), deltas::add);
        String text = "né 日本 🙂!";
        for (int id : utf8(text)) {
            assertFalse(d.add(id));
        }
        assertFalse(d.add(eoa), "the end token is not text");
        assertEquals(text, d.finish());
        assertEquals(text, String.join("", deltas));
        assertTrue(deltas.contains("日") && deltas.contains("🙂"), deltas.toString());
        for (String delta : deltas) {
            assertFalse(delta.isEmpty() || delta.contains("\uFFFD"), deltas.toString());
        }
    }

    @Test
    void aStopStringEndsTheTextBeforeItAndIsNeverStreamed() {
        List<String> deltas = new ArrayList<>();
        TextDecoder d = new TextDecoder(bytes, Set.of(eoa), List.of("\n\n", "STOP"), deltas::add);
        int[] ids = utf8("ab\nc ST x STOP more");
        boolean stopped = false;
        int at = 0;
        while (!stopped) {
            stopped = d.add(ids[at++]);
        }
        assertEquals("ab\nc ST x STOP".length(), at, "stops on the token that completes the stop string");
        assertEquals("ab\nc ST x ", d.finish());
        assertEquals("ab\nc ST x ", String.join("", deltas));
        assertFalse(deltas.stream().anyMatch(s -> s.contains("STO")), deltas.toString());
    }

    @Test
    void heldBackTextIsSentAtTheEnd() {
        List<String> deltas = new ArrayList<>();
        TextDecoder d = new TextDecoder(bytes, Set.of(eoa), List.of("###"), deltas::add);
        for (int id : utf8("x #")) {
            d.add(id);
        }
        d.add(0xE6); // the first byte of a three-byte character, never completed
        assertEquals("x ", String.join("", deltas), "\"#\" may start \"###\", the last byte may start a character");
        assertEquals("x #\uFFFD", d.finish());
        assertEquals("x #\uFFFD", String.join("", deltas));
    }

    @Test
    void requestsDefaultToTheDirectConditionAndStripThePrompt() {
        TextRequest r = TextRequest.of("  2+2?\n");
        assertEquals("2+2?", r.prompt());
        assertEquals(List.of(Condition.DIRECT), r.conditions());
        assertTrue(r.sampling().isGreedy());
        assertEquals(List.of(), TextRequest.builder("q").conditions().build().conditions());
        assertThrows(InvalidInputException.class, () -> TextRequest.builder("q").stop("").build());
        assertThrows(InvalidInputException.class, () -> TextRequest.builder("q").maxNewTokens(0).build());
    }
}
