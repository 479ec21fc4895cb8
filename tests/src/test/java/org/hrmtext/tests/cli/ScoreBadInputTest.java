package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hrmtext.domain.model.HostTensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards {@code hrm score} against bad input: a {@code config.json} with a missing or mistyped key
 * or heads that do not divide the hidden size; a {@code model.safetensors} that is truncated, has
 * a garbage header, lacks a tensor, has a tensor of the wrong shape or an unsupported dtype; a
 * batch whose arrays differ in length or whose sequences overlap; an unknown {@code --backend}.
 * Each is exit 2 with one line naming the file, the key or tensor and what was expected (the
 * installed backends for an unknown one), and no {@code --out} or {@code --logits} file.
 */
class ScoreBadInputTest {
    @TempDir
    Path dir;

    private GoldenInputs inputs;

    @BeforeEach
    void copyGoldenFolder() {
        inputs = new GoldenInputs(dir);
    }

    @Test
    void configWithoutAKey() {
        inputs.editConfig(c -> c.remove("hidden_size"));
        assertEquals(inputs.config() + ": missing key hidden_size (expected an integer)", inputs.rejected());
    }

    @Test
    void configWithAMistypedKey() {
        inputs.editConfig(c -> c.put("hidden_size", "wide"));
        assertEquals(inputs.config() + ": key hidden_size: expected an integer, got \"wide\"", inputs.rejected());
    }

    @Test
    void configWithHeadsThatDoNotDivideHidden() {
        inputs.editConfig(c -> {
            c.put("num_attention_heads", 5L);
            c.put("num_key_value_heads", 5L);
        });
        assertEquals(inputs.config() + ": key num_attention_heads: 5 does not divide hidden_size 64", inputs.rejected());
    }

    @Test
    void truncatedWeights() {
        inputs.truncateWeights(1000);
        String m = inputs.rejected();
        assertTrue(m.startsWith(inputs.weights() + ": tensor ") && m.contains(": truncated: data ends at byte "), m);
    }

    @Test
    void weightsWithAGarbageHeader() {
        inputs.writeRawWeights("{\"lm_head.weight\": [garbage", 0);
        String m = inputs.rejected();
        assertTrue(m.startsWith(inputs.weights() + ": bad header: invalid JSON at line 1, column "), m);
    }

    @Test
    void weightsWithoutATensor() {
        inputs.editTensors(t -> t.remove("model.embed_tokens.weight"));
        assertEquals(inputs.weights() + ": tensor model.embed_tokens.weight is missing (expected shape [97, 64])",
                inputs.rejected());
    }

    @Test
    void weightsWithATensorOfTheWrongShape() {
        inputs.editTensors(t -> t.put("lm_head.weight", new HostTensor("lm_head.weight", new int[] {96, 64}, new float[96 * 64])));
        assertEquals(inputs.weights() + ": tensor lm_head.weight has shape [96, 64], expected [97, 64]", inputs.rejected());
    }

    @Test
    void weightsOfAnUnsupportedDtype() {
        int bytes = 97 * 64 * 8;
        inputs.writeRawWeights("{\"lm_head.weight\":{\"dtype\":\"I64\",\"shape\":[97,64],\"data_offsets\":[0," + bytes + "]}}",
                bytes);
        assertEquals(inputs.weights() + ": tensor lm_head.weight: unsupported dtype I64 (expected F32, BF16 or F16)",
                inputs.rejected());
    }

    @Test
    void arraysOfDifferentLengths() {
        inputs.editBatch(b -> ((List<?>) b.get("labels")).remove(0));
        assertEquals(inputs.batch() + ": inputs, labels and position_ids differ in length: 32, 31, 32", inputs.rejected());
    }

    @Test
    @SuppressWarnings("unchecked")
    void overlappingSequences() {
        inputs.editBatch(b -> ((Map<String, Object>) ((List<?>) b.get("sequences")).get(1)).put("start", 5L));
        String m = inputs.rejected();
        assertTrue(m.startsWith(inputs.batch() + ": batch: sequences overlap: "), m);
    }

    @Test
    void unknownBackendListsTheInstalledOnes() {
        String m = inputs.rejected("--backend", "nope");
        assertTrue(m.startsWith("unknown backend \"nope\"; installed: ") && m.contains("djl"), m);
    }
}
