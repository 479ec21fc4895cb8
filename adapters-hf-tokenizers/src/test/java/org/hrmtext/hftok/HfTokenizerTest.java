package org.hrmtext.hftok;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.text.Condition;
import org.hrmtext.domain.text.SpecialTokens;
import org.hrmtext.ports.Tokenizer;
import org.hrmtext.ports.TokenizerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfTokenizerTest {
    @TempDir
    Path dir;

    static Path tinyTokenizer() throws URISyntaxException {
        return Path.of(HfTokenizerTest.class.getResource("/tiny/tokenizer.json").toURI());
    }

    @Test
    void isFoundByServiceLoader() {
        List<String> names = ServiceLoader.load(TokenizerProvider.class).stream().map(p -> p.get().name()).toList();
        assertEquals(List.of("huggingface"), names);
    }

    @Test
    void encodesDecodesAndResolvesTheReferenceSpecialTokens() throws Exception {
        try (Tokenizer tok = new HfTokenizerProvider().open(tinyTokenizer(), SpecialTokens.reference())) {
            assertEquals("huggingface", tok.type());
            assertEquals(18, tok.vocabularySize());
            assertArrayEquals(new int[] {7, 5, 3, 4, 8}, tok.encode("what is the answer ?"));
            assertEquals("the answer is 42", tok.decode(new int[] {3, 4, 5, 6}));
            // synth = <|quad_end|> (17), cot = <|object_ref_end|> (15), as the reference maps them
            assertArrayEquals(new int[] {11, 17, 15, 1, 12}, tok.layout().instruction(List.of(Condition.SYNTH, Condition.COT),
                    tok.encode("hello")));
            assertArrayEquals(new int[] {9, 13}, tok.layout().response(tok.encode("yes")));
            assertEquals(tinyTokenizer(), tok.file().orElseThrow());
        }
    }

    @Test
    void decodingIdsOutsideTheVocabularyDoesNotThrow() throws Exception {
        try (Tokenizer tok = new HfTokenizerProvider().open(tinyTokenizer(), SpecialTokens.reference())) {
            String text = tok.decode(new int[] {1, 400, 2});
            assertTrue(text.contains("hello") && text.contains("\uFFFD") && text.contains("world"), text);
        }
    }

    @Test
    void aMissingSpecialTokenIsNamed() {
        SpecialTokens names = SpecialTokens.reference().with("eoa", "<|not_there|>");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new HfTokenizerProvider().open(tinyTokenizer(), names));
        assertTrue(e.getMessage().contains("<|not_there|>") && e.getMessage().contains("eoa"), e.getMessage());
    }

    @Test
    void aFileThatIsNotATokenizerIsAClearError() throws IOException {
        Path bad = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": ");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new HfTokenizerProvider().open(bad, SpecialTokens.reference()));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
    }

    @Test
    void failsFastAfterClose() throws Exception {
        Tokenizer tok = new HfTokenizerProvider().open(tinyTokenizer(), SpecialTokens.reference());
        tok.close();
        assertThrows(IllegalStateException.class, () -> tok.encode("hello"));
    }
}
