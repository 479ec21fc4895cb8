package org.hrmtext.app.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.text.Condition;
import org.hrmtext.domain.text.SpecialTokens;
import org.hrmtext.formats.text.TokenizerInfo;
import org.hrmtext.inference.tokenizer.ByteLevelTokenizer;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;
import org.hrmtext.ports.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteLevelTokenizerTest {
    private final Tokenizer bytes = new ByteLevelTokenizer(SpecialTokens.byteLevel());

    @TempDir
    Path dir;

    @Test
    void roundTripsMultibyteUtf8() {
        String text = "naïve 日本語 🙂 ok";
        int[] ids = bytes.encode(text);
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, ids.length);
        assertTrue(Arrays.stream(ids).allMatch(id -> id >= 0 && id < 256));
        assertEquals(text, bytes.decode(ids));
        assertArrayEquals(new int[0], bytes.encode(""));
    }

    @Test
    void specialsFollowTheBytesAndFitTheTinyPreset() {
        assertEquals(263, bytes.vocabularySize());
        assertTrue(bytes.vocabularySize() <= 512);
        assertArrayEquals(new int[] {256, 261, 260, 'h', 'i', 257}, bytes.layout().instruction(
                Condition.parseList("synth,cot"), bytes.encode("hi")));
        assertArrayEquals(new int[] {'o', 'k', 258}, bytes.layout().response(bytes.encode("ok")));
        assertEquals("<boq><direct>x<eoq>", bytes.decode(new int[] {256, 259, 'x', 257}));
    }

    @Test
    void decodingInvalidUtf8AndUnknownIdsDoesNotThrow() {
        assertEquals("a\uFFFDb", bytes.decode(new int[] {'a', 0xC3, 'b'}));
        assertEquals("\uFFFD\uFFFD", bytes.decode(new int[] {400, -1}));
    }

    @Test
    void opensByNameAndFromSavedFiles() throws IOException {
        TokenizerCatalog catalog = new TokenizerCatalog(Set.of());
        try (Tokenizer t = catalog.open("byte", Map.of("eoa", "<end>"))) {
            assertEquals("<end>", t.layout().names().eoa());
            TokenizerFiles.save(t, dir);
        }
        assertTrue(Files.exists(dir.resolve(TokenizerInfo.FILE)));
        try (Tokenizer t = catalog.openSaved(dir).orElseThrow()) {
            assertEquals("byte", t.type());
            assertEquals("<end>", t.layout().names().eoa());
            assertEquals(258, t.layout().eoa());
        }
        assertTrue(catalog.openSaved(dir.resolve("none")).isEmpty());
    }

    @Test
    void aTokenizerJsonWithoutAnInstalledProviderIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("tokenizer.json"), "{}");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new TokenizerCatalog(Set.of()).open(file.toString(), Map.of()));
        assertTrue(e.getMessage().contains("hrm-adapters-hf-tokenizers"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new TokenizerCatalog(Set.of()).open("nowhere.json", Map.of()));
    }
}
