package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards {@code hrm train} against bad data and bad configs: a JSONL line that is not JSON or has
 * a token id outside the vocabulary, and YAML that is malformed, has an unknown key or a mistyped
 * value (in the file or from {@code --set}). Each is exit 2 with one line naming the file and the
 * line or key and what was expected, before the output directory is created.
 */
class TrainBadInputTest {
    private static final String GOOD_LINE = "{\"instruction_ids\": [1, 4, 10, 11, 2], \"response_ids\": [11, 10, 3]}";

    @TempDir
    Path dir;

    private TrainInputs inputs;

    @BeforeEach
    void writeInputs() {
        inputs = new TrainInputs(dir);
    }

    @Test
    void dataLineThatIsNotJson() {
        Path data = inputs.dataOf(GOOD_LINE, "{\"instruction_ids\": [1, 4, 10");
        String m = inputs.rejected(inputs.config(), data);
        assertTrue(m.startsWith(data + ": line 2: invalid JSON at line 1, column "), m);
    }

    @Test
    void tokenIdOutsideTheVocabulary() {
        Path data = inputs.dataOf(GOOD_LINE, GOOD_LINE, "{\"instruction_ids\": [1, 4, 10, 2], \"response_ids\": [10, 900, 3]}");
        assertEquals(data + ": line 3: response_ids[1]: token id 900 is outside the vocabulary [0, 512)",
                inputs.rejected(inputs.config(), data));
    }

    @Test
    void malformedYaml() {
        Path config = inputs.configWith("  rows: 2", "  rows: [2");
        String m = inputs.rejected(config, inputs.data());
        assertTrue(m.startsWith(config + ": invalid YAML at line "), m);
    }

    @Test
    void unknownKey() {
        Path config = inputs.configWith("  rows: 2", "  rowz: 2");
        String m = inputs.rejected(config, inputs.data());
        assertTrue(m.startsWith(config + ": key train.rowz: unknown key (expected one of ") && m.contains("rows"), m);
    }

    @Test
    void mistypedValue() {
        Path config = inputs.configWith("  rows: 2", "  rows: many");
        assertEquals(config + ": key train.rows: expected an integer, got \"many\"", inputs.rejected(config, inputs.data()));
    }

    @Test
    void mistypedValueFromSet() {
        assertEquals(inputs.config() + ": key optimizer.lr (from --set): expected a number, got \"fast\"",
                inputs.rejected(inputs.config(), inputs.data(), "--set", "optimizer.lr=fast"));
    }
}
