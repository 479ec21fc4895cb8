package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.hrmtext.cli.Hrm;
import org.hrmtext.formats.json.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards the structure of {@code hrm quickstart} (not its accuracy) on a 0.3-minute budget with
 * one thread: exit 0; the report, a training curve that decodes as an image, the model directory
 * with its ONNX export, 200 held-out results, and train/held-out data that share no instruction;
 * a rerun into its own directory (recognised by its {@code .hrm-quickstart} marker) replaces what
 * the earlier run wrote and keeps anything else, while an unrelated non-empty directory, even one
 * holding a {@code REPORT.md}, is refused and left as it was. Slow (about a minute): runs with {@code -Pslow}.
 */
@Tag("slow")
class QuickstartTest {
    @TempDir
    Path dir;

    private static Hrm.Result quickstart(Path out) {
        return Hrm.run("quickstart", "--out", out, "--minutes", 0.3, "--threads", 1);
    }

    @Test
    void writesTheWholeRecipeAndReplacesItsOwnRun() throws IOException {
        Path out = dir.resolve("quickstart");
        quickstart(out).succeeded();
        assertRecipe(out);
        String firstRun = Files.readString(out.resolve(".hrm-quickstart"));
        Files.writeString(out.resolve("notes.txt"), "the user's own file");
        Files.writeString(out.resolve("data").resolve("stale.jsonl"), "from the earlier run");
        quickstart(out).succeeded();
        assertRecipe(out);
        assertFalse(Files.exists(out.resolve("data").resolve("stale.jsonl")), "a rerun replaces the earlier run");
        assertEquals("the user's own file", Files.readString(out.resolve("notes.txt")), "a rerun deletes only what it wrote");
        assertFalse(firstRun.equals(Files.readString(out.resolve(".hrm-quickstart"))), "a new run id");
        assertTrue(Files.readString(out.resolve("quickstart.yaml")).contains("  max_minutes: 0.3"), "the run's own settings");
    }

    @Test
    void refusesAnUnrelatedNonEmptyDirectory() throws IOException {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "keep me");
        Files.writeString(out.resolve("REPORT.md"), "# what hrm study gradients writes");
        String m = quickstart(out).failure(Hrm.BAD_INPUT, "quickstart");
        assertTrue(m.contains(out.toString()) && m.contains("choose another --out"), m);
        OutputFiles.assertEntries(out, "notes.txt", "REPORT.md");
    }

    private static void assertRecipe(Path out) throws IOException {
        assertTrue(Files.readString(out.resolve("REPORT.md")).contains("#"), "REPORT.md");
        assertNotNull(ImageIO.read(out.resolve("training_curve.png").toFile()), "training_curve.png decodes");
        assertTrue(Files.size(out.resolve("model").resolve("model.onnx")) > 0, "model/model.onnx");
        assertTrue(Json.parseObject(Files.readString(out.resolve("model").resolve("config.json"))).containsKey("vocab_size"));
        assertEquals(200, Files.readAllLines(out.resolve("heldout-results.jsonl")).size());
        Set<String> train = instructions(out.resolve("data").resolve("train.jsonl"));
        Set<String> heldOut = instructions(out.resolve("data").resolve("heldout.jsonl"));
        assertEquals(200, heldOut.size());
        assertTrue(heldOut.stream().noneMatch(train::contains), "held-out instructions seen in training");
    }

    private static Set<String> instructions(Path jsonl) throws IOException {
        List<String> lines = Files.readAllLines(jsonl);
        return lines.stream().map(l -> (String) Json.parseObject(l).get("instruction")).collect(Collectors.toSet());
    }
}
