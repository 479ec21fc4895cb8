package org.hrmtext.formats.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.RecurrenceConfig;
import org.hrmtext.formats.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * config.json: the golden configs (copies of shared/golden/ARCH/config.json in the test
 * resources) read and write back key for key; bad configs fail naming the file and the key.
 */
class ModelConfigJsonTest {
    @TempDir
    Path dir;

    static Path golden(String arch) throws URISyntaxException {
        return Path.of(ModelConfigJsonTest.class.getResource("/config/" + arch + ".json").toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hrm", "ut", "rins", "trm", "transformer"})
    void goldenConfigRoundTripsKeyForKey(String arch) throws Exception {
        Path file = golden(arch);
        ModelConfig c = ModelConfigJson.read(file);
        assertEquals(Json.parse(Files.readString(file)), Json.parse(ModelConfigJson.write(c)));
        Path copy = dir.resolve("config.json");
        Files.writeString(copy, ModelConfigJson.write(c));
        assertEquals(c, ModelConfigJson.read(copy));
    }

    @Test
    void goldenValuesLandInTheRecord() throws Exception {
        ModelConfig hrm = ModelConfigJson.read(golden("hrm"));
        assertEquals(new ModelConfig(Architecture.HRM, 97, 64, 256, 2, 4, 64, 1e-6, 10000.0, 8.0, 0.125,
                new RecurrenceConfig(2, 3, 2, 5, 0.2, 2, 3, 4, 2, 4)), hrm);
        ModelConfig rins = ModelConfigJson.read(golden("rins"));
        assertEquals(Architecture.RINS, rins.architecture());
        assertEquals(7, rins.recurrence().lCycles());
        assertEquals(4, rins.recurrence().lBpCycles());
        assertEquals(4, ModelConfigJson.read(golden("transformer")).numHiddenLayers());
    }

    /** The golden config of {@code arch} with each {@code from, to} pair of texts replaced. */
    private InvalidInputException readBroken(String arch, String... fromTo) throws Exception {
        String text = Files.readString(golden(arch));
        for (int i = 0; i < fromTo.length; i += 2) {
            assertTrue(text.contains(fromTo[i]), "fixture text " + fromTo[i]);
            text = text.replace(fromTo[i], fromTo[i + 1]);
        }
        Path bad = dir.resolve("config.json");
        Files.writeString(bad, text);
        return assertThrows(InvalidInputException.class, () -> ModelConfigJson.read(bad));
    }

    private void assertNames(InvalidInputException e, String... parts) {
        assertTrue(e.getMessage().startsWith(dir.resolve("config.json").toString()), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' in: " + e.getMessage());
        }
    }

    @Test
    void missingHiddenSizeIsNamed() throws Exception {
        assertNames(readBroken("hrm", "\"hidden_size\": 64,", ""), "missing key hidden_size", "integer");
    }

    @Test
    void mistypedHiddenSizeIsNamed() throws Exception {
        assertNames(readBroken("hrm", "\"hidden_size\": 64", "\"hidden_size\": \"wide\""),
                "key hidden_size", "expected an integer", "\"wide\"");
    }

    @Test
    void headsNotDividingHiddenAreRejected() throws Exception {
        assertNames(readBroken("trm", "\"num_attention_heads\": 4", "\"num_attention_heads\": 5",
                "\"num_key_value_heads\": 4", "\"num_key_value_heads\": 5"),
                "num_attention_heads", "does not divide hidden_size 64");
    }

    @Test
    void groupedQueryAttentionIsRejected() throws Exception {
        assertNames(readBroken("hrm", "\"num_key_value_heads\": 4", "\"num_key_value_heads\": 2"),
                "key num_key_value_heads", "expected 4");
    }

    @Test
    void unknownArchitectureListsTheKnownOnes() throws Exception {
        assertNames(readBroken("ut", "\"universal_transformer\"", "\"looped\""),
                "unknown architecture \"looped\"", "hrm, universal_transformer, rins, trm, transformer");
    }

    @Test
    void creditBeyondTheCyclesIsFullCreditNotAnError() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, Files.readString(golden("rins")).replace("\"L_bp_cycles\": 4", "\"L_bp_cycles\": 9"));
        assertEquals(9, ModelConfigJson.read(file).recurrence().lBpCycles());
        assertNames(readBroken("rins", "\"L_bp_cycles\": 4", "\"L_bp_cycles\": -1"), "L_bp_cycles", "non-negative", "-1");
    }

    @Test
    void brokenJsonNamesFileLineAndColumn() throws Exception {
        assertNames(readBroken("hrm", "\"vocab_size\": 97,", "\"vocab_size\": 97"), "line 5, column 3");
    }

    @Test
    void missingFileIsNamed() {
        Path none = dir.resolve("config.json");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelConfigJson.read(none));
        assertEquals(none + ": file not found", e.getMessage());
    }
}
