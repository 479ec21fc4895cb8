package org.hrmtext.formats.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.text.Condition;
import org.hrmtext.domain.text.SpecialTokens;
import org.junit.jupiter.api.Test;

/** Both layouts of {@code tokenizer_info.json}, and the reference's condition tokens. */
class TokenizerInfoTest {
    private static final String REFERENCE = "{\"tokenizer_path\": \"/data/sft\", \"boq\": \"<|im_start|>\", \"eoq\": \"<|im_end|>\","
            + " \"eoa\": \"<|box_end|>\", \"condition_mapping\": {\"direct\": \"<|object_ref_start|>\", \"cot\": \"<|object_ref_end|>\","
            + " \"noisy\": \"<|quad_start|>\", \"synth\": \"<|quad_end|>\"}, \"vocab_size\": 65536}";

    @Test
    void theReferenceMappingIsPrepareSftDatas() {
        SpecialTokens r = SpecialTokens.reference();
        assertEquals("<|object_ref_start|>", r.conditions().get(Condition.DIRECT));
        assertEquals("<|object_ref_end|>", r.conditions().get(Condition.COT));
        assertEquals("<|quad_start|>", r.conditions().get(Condition.NOISY));
        assertEquals("<|quad_end|>", r.conditions().get(Condition.SYNTH));
        assertEquals("<|box_end|>", r.eoa());
    }

    @Test
    void readsTheReferenceDataPipelinesLayout() {
        TokenizerInfo info = TokenizerInfo.parse("tokenizer_info.json", REFERENCE);
        assertEquals(TokenizerInfo.HUGGINGFACE, info.type());
        assertEquals(65536, info.vocabSize());
        assertEquals(SpecialTokens.reference(), info.names());
        TokenizerInfo renamed = TokenizerInfo.parse("x.json", "{\"boq\": \"<s>\", \"condition_mapping\": {\"cot\": \"<think>\"}}");
        assertEquals("<s>", renamed.names().boq());
        assertEquals("<think>", renamed.names().conditions().get(Condition.COT));
        assertEquals("<|im_end|>", renamed.names().eoq(), "roles left out keep the reference names");
    }

    @Test
    void whatWeWriteBothToolsRead() {
        TokenizerInfo ours = new TokenizerInfo(TokenizerInfo.BYTE, 263, Map.of("eoa", "<end>"));
        TokenizerInfo back = TokenizerInfo.parse("t.json", ours.toJson());
        assertEquals(ours.names(), back.names());
        assertEquals(TokenizerInfo.BYTE, back.type());
        assertTrue(ours.toJson().contains("\"condition_mapping\""), ours.toJson());
        TokenizerInfo reference = TokenizerInfo.parse("r.json", ours.toReferenceJson("/data"));
        assertEquals(ours.names(), reference.names());
        assertTrue(ours.toReferenceJson("/data").contains("\"tokenizer_path\": \"/data\""));
    }

    @Test
    void badFilesNameTheFileAndKey() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TokenizerInfo.parse("data/tokenizer_info.json",
                "{\"boq\": \"<a>\", \"condition_mapping\": {\"math\": \"<m>\"}}"));
        assertTrue(e.getMessage().startsWith("data/tokenizer_info.json") && e.getMessage().contains("condition_mapping.math"),
                e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> TokenizerInfo.parse("t.json", "{\"vocab_size\": 3}"));
        assertTrue(e.getMessage().startsWith("t.json") && e.getMessage().contains("condition_mapping"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> TokenizerInfo.parse("t.json",
                "{\"boq\": \"<a>\", \"eoq\": \"<a>\"}"));
        assertTrue(e.getMessage().contains("already used"), e.getMessage());
    }
}
