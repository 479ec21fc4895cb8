package org.hrmtext.tests.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.hrmtext.cli.HrmCommand;
import org.hrmtext.cli.wiring.Composition;
import org.hrmtext.formats.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hrm study gradients --protocol v2 --preset smoke} end to end on DJL (seconds): the raw
 * records are complete, every verdict is one of agrees / disagrees / inconclusive with its scale,
 * the plots decode, and {@code --report-from} rebuilds the report from a raw file cut off mid-line.
 */
class ProtocolV2SmokeTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void runSmoke() {
        assertEquals(0, HrmCommand.execute(Composition.injector(), "study", "gradients", "--protocol", "v2", "--preset",
                "smoke", "--out", dir.toString(), "--threads", "2"), "exit code");
    }

    @Test
    void rawRecordsCoverEveryStepAndEveryGridCellOnBothBatches() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("raw.jsonl"), StandardCharsets.UTF_8);
        long steps = lines.stream().map(Json::parseObject).filter(r -> r.get("kind").equals("step")).count();
        long grads = lines.stream().map(Json::parseObject).filter(r -> r.get("kind").equals("grad")).count();
        assertEquals(2 * 6, steps, "2 runs × 6 steps");
        assertEquals(2 * 2 * 2 * 8, grads, "2 runs × 2 checkpoints × 2 batches × 8 grid cells");
        Map<String, Object> first = lines.stream().map(Json::parseObject).filter(r -> r.get("kind").equals("grad")).findFirst()
                .orElseThrow();
        assertTrue(((Map<?, ?>) first.get("norms")).containsKey("lm_head.weight"));
        Map<?, ?> head = (Map<?, ?>) ((Map<?, ?>) first.get("tensors")).get("lm_head.weight");
        assertTrue(((Number) head.get("mean_abs")).doubleValue() > 0, "per-tensor mean |g| of the head");
        long jacobians = lines.stream().map(Json::parseObject).filter(r -> r.get("kind").equals("jacobian")).count();
        assertEquals(2 * 2, jacobians, "2 runs × 2 checkpoints of ‖∂L/∂z‖");
        List<Map<String, Object>> depth = lines.stream().map(Json::parseObject).filter(r -> r.get("kind").equals("depth")).toList();
        assertEquals(2, depth.size(), "one block-depth record at the end of each run");
        assertEquals(16, ((List<?>) depth.get(0).get("labels")).size(), "8 calls × 2 layers of the tiny model");
    }

    @Test
    void everyVerdictIsOneOfThreeWithItsScale() throws IOException {
        String report = Files.readString(dir.resolve("REPORT.md"), StandardCharsets.UTF_8);
        assertTrue(report.contains("Scale S = preset smoke"), "scale stated");
        Matcher m = Pattern.compile("\\| \\*\\*(\\w+)\\*\\*(.*) at scale S \\|").matcher(report);
        int n = 0;
        while (m.find()) {
            n++;
            String v = m.group(1);
            assertTrue(v.equals("agrees") || v.equals("disagrees") || v.equals("inconclusive"), v);
            assertTrue(!v.equals("inconclusive") || m.group(2).startsWith(" ("), "an inconclusive verdict has its reason");
        }
        assertTrue(n >= 7, "verdict rows: " + n);
        assertTrue(report.contains("| hrm | heldout | H2_L2 | 6 |"), "grid table row of HRM's used setting");
        assertTrue(report.contains("## Jacobian growth") && report.contains("| hrm | L1 ← L2 | 2 |"), "Jacobian section");
        assertTrue(report.contains("## Effective depth") && report.contains("| hrm | H2.1 | 1 |"), "effective-depth section");
        for (String p : List.of("grid_magnitude.png", "paired_full_vs_used.png", "mean_abs_over_steps.png",
                "jacobian_growth.png", "effective_depth.png", "logit_lens_kl.png")) {
            BufferedImage img = ImageIO.read(dir.resolve(p).toFile());
            assertTrue(img != null && img.getWidth() > 100, p);
        }
    }

    @Test
    void reportIsRebuiltFromACutOffRawFile(@TempDir Path cut) throws IOException {
        String raw = Files.readString(dir.resolve("raw.jsonl"), StandardCharsets.UTF_8);
        Files.copy(dir.resolve("meta.json"), cut.resolve("meta.json"));
        Files.writeString(cut.resolve("raw.jsonl"), raw.substring(0, raw.length() * 3 / 4), StandardCharsets.UTF_8);
        assertEquals(0, HrmCommand.execute(Composition.injector(), "study", "gradients", "--report-from", cut.toString()));
        String report = Files.readString(cut.resolve("REPORT.md"), StandardCharsets.UTF_8);
        assertTrue(report.contains("hrm_full seed 0: "), report.substring(0, Math.min(600, report.length())));
    }

    @Test
    void aCheckpointIntervalOfZeroIsRefusedNamingTheOption(@TempDir Path out) {
        assertEquals(2, HrmCommand.execute(Composition.injector(), "study", "gradients", "--protocol", "v2", "--preset",
                "smoke", "--every", "0", "--out", out.toString()), "exit 2 on bad input");
        assertTrue(!Files.exists(out.resolve("raw.jsonl")), "nothing written");
    }

    @Test
    void anExistingRawFileIsNeverOverwritten() {
        assertEquals(2, HrmCommand.execute(Composition.injector(), "study", "gradients", "--protocol", "v2", "--preset",
                "smoke", "--out", dir.toString()), "exit 2 on bad input");
    }
}
