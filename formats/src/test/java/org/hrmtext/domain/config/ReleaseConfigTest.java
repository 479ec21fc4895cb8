package org.hrmtext.domain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.config.ModelConfigJson;
import org.hrmtext.formats.config.SpecialTokenIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The released HRM-Text-1B {@code config.json} as downloaded (keys from HRM-TEXT.md, "The released
 * checkpoint") and as transformers ≥ 5.9 re-saves it, read unchanged; its bad variants fail in
 * one line naming the file and the key.
 */
class ReleaseConfigTest {
    /** The release's config.json. */
    static final String RELEASE = """
            {"architectures": ["HrmTextForCausalLM"], "auto_map": {"AutoConfig": "configuration_hrm_text.HrmTextConfig",
              "AutoModelForCausalLM": "modeling_hrm_text.HrmTextForCausalLM"},
             "model_type": "hrm_text", "vocab_size": 65536, "hidden_size": 1536, "num_attention_heads": 12,
             "num_hidden_layers": 16, "H_cycles": 2, "L_cycles": 3, "L_bp_cycles": [0, 3],
             "max_position_embeddings": 4096, "rope_theta": 10000.0, "embedding_scale": 39.191835884530846,
             "initializer_range": 0.02551551815399144, "prefix_lm": true, "tie_word_embeddings": false,
             "torch_dtype": "bfloat16", "pad_token_id": 5, "bos_token_id": 6, "eos_token_id": 11,
             "transformers_version": "4.57.1", "some_future_key": {"nested": [1, 2]}}
            """;
    /** The same config re-saved by transformers ≥ 5.9. */
    static final String RESAVED = """
            {"architectures": ["HrmTextForCausalLM"], "model_type": "hrm_text", "vocab_size": 65536, "hidden_size": 1536,
             "num_attention_heads": 12, "num_layers_per_stack": 16, "num_hidden_layers": 128, "H_cycles": 2, "L_cycles": 3,
             "L_bp_cycles": [0, 3], "max_position_embeddings": 4096,
             "rope_parameters": {"rope_type": "default", "rope_theta": 10000.0},
             "embedding_scale": 39.191835884530846, "initializer_range": 0.02551551815399144, "tie_word_embeddings": false,
             "dtype": "bfloat16", "pad_token_id": 5, "bos_token_id": 6, "eos_token_id": 11}
            """;

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("config.json"), text);
    }

    @Test
    void theReleaseConfigReadsAsTheXlShape() throws IOException {
        for (String text : new String[] {RELEASE, RESAVED}) {
            ModelConfig c = ModelConfigJson.read(write(text));
            assertEquals(Architecture.HRM, c.architecture());
            assertEquals(16, c.numHiddenLayers(), "layers per stack");
            assertEquals(1536, c.hiddenSize());
            assertEquals(4096, c.intermediateSize(), "default round(8·1536/3) → multiple of 256");
            assertEquals(10000.0, c.ropeTheta());
            assertEquals(2, c.recurrence().hCycles());
            assertEquals(3, c.recurrence().lBpCycles(), "[0, 3] per H cycle");
            assertEquals(new SpecialTokenIds(OptionalInt.of(5), OptionalInt.of(6), OptionalInt.of(11)),
                    ModelConfigJson.readTokenIds(dir.resolve("config.json")));
        }
    }

    private void assertRefused(String text, String... parts) throws IOException {
        Path file = write(text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelConfigJson.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' in: " + e.getMessage());
        }
    }

    @Test
    void aListValuedKeyOfTheWrongLengthIsNamed() throws IOException {
        assertRefused(RELEASE.replace("[0, 3]", "[0, 1, 2]"), "key L_bp_cycles", "H_cycles = 2", "[0,1,2]");
        assertRefused(RELEASE.replace("[0, 3]", "[0, \"x\"]"), "L_bp_cycles[1]", "expected an integer");
    }

    @Test
    void otherRopeTypesAreRefused() throws IOException {
        assertRefused(RESAVED.replace("\"rope_type\": \"default\"", "\"rope_type\": \"yarn\""),
                "key rope_parameters.rope_type", "\"yarn\"", "expected \"default\"");
        assertRefused(RELEASE.replace("\"rope_theta\": 10000.0,", "\"rope_theta\": 10000.0, \"rope_scaling\": {\"type\": \"linear\", \"factor\": 2},"),
                "key rope_scaling.rope_type", "\"linear\"");
        assertRefused(RESAVED.replace("\"rope_parameters\": {", "\"rope_theta\": 500.0, \"rope_parameters\": {"),
                "rope_theta", "disagrees");
    }

    @Test
    void unreadableDtypesAreRefused() throws IOException {
        assertRefused(RELEASE.replace("\"bfloat16\"", "\"int8\""), "key torch_dtype", "\"int8\"", "float32, bfloat16 or float16");
        assertRefused(RESAVED.replace("\"bfloat16\"", "\"float8_e4m3fn\""), "key dtype", "float8_e4m3fn");
    }

    @Test
    void layersPerStackMustDivideTheTotal() throws IOException {
        assertRefused(RESAVED.replace("\"num_layers_per_stack\": 16", "\"num_layers_per_stack\": 15"),
                "key num_layers_per_stack", "divisor of num_hidden_layers 128", "15");
    }

    @Test
    void tokenIdsOutsideTheVocabularyAreNamed() throws IOException {
        Path file = write(RELEASE.replace("\"eos_token_id\": 11", "\"eos_token_id\": 70000"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelConfigJson.readTokenIds(file));
        assertTrue(e.getMessage().startsWith(file + ": key eos_token_id") && e.getMessage().contains("[0, 65536)"), e.getMessage());
    }
}
