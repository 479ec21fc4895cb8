package org.hrmtext.tests.lifecycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.golden.GoldenCase;
import org.hrmtext.inference.GenerationRequest;
import org.hrmtext.inference.HrmTextModel;
import org.hrmtext.inference.SamplingSettings;
import org.junit.jupiter.api.Test;

/**
 * The embedding API checks its arguments (a one-line {@link InvalidInputException}, never a
 * NullPointerException), copies the prompt arrays it keeps, names the backend it chose, and
 * leaves no temporary ONNX export behind once closed.
 */
class EmbeddingApiArgumentsTest {
    private static final GoldenCase GOLDEN = GoldenCase.load("golden/hrm");

    @Test
    void missingArgumentsAreClearErrors() {
        int[] p = GOLDEN.prompt();
        assertMessage("generation: no sampling settings", () -> new GenerationRequest(List.of(p), 4, null, 0, Set.of(), List.of(), null));
        assertMessage("generation: expected at least one prompt", () -> new GenerationRequest(null, 4, SamplingSettings.greedy(), 0,
                Set.of(), List.of(), null));
        assertMessage("generation: prompt 0 is null", () -> GenerationRequest.greedy(null, 4));
        assertMessage("generation: stop sequence 0 is null", () -> new GenerationRequest(List.of(p), 4, SamplingSettings.greedy(), 0,
                null, java.util.Arrays.asList((int[]) null), null));
        assertMessage("HrmTextModel.load: expected options", () -> HrmTextModel.load(GOLDEN.dir(), null));
        assertMessage("HrmTextModel.open: expected a backend", () -> HrmTextModel.open(null, GOLDEN.dir(), HrmTextModel.Options.defaults()));
        GenerationRequest noStops = new GenerationRequest(List.of(p), 4, SamplingSettings.greedy(), 0, null, null, null);
        assertEquals(Set.of(), noStops.stopTokens());
        assertEquals(List.of(), noStops.stopSequences());
    }

    @Test
    void promptArraysAreCopiedAndTheBackendIsReported() {
        int[] prompt = GOLDEN.prompt();
        GenerationRequest request = new GenerationRequest(List.of(prompt), 4, SamplingSettings.greedy(), 0, null, null, null);
        prompt[0] = -1;
        assertEquals(GOLDEN.prompt()[0], request.prompts().get(0)[0], "the request kept its own copy");
        try (HrmTextModel model = HrmTextModel.load(GOLDEN.dir())) {
            assertTrue(List.of("onnx", "djl").contains(model.backend()), model.backend());
            assertArrayEquals(model.generate(GOLDEN.prompt(), 4), model.generate(request).newTokens().get(0));
            assertMessage("generation: expected a request", () -> model.generate(null));
        }
    }

    @Test
    void theTemporaryOnnxExportIsRemovedOnClose() throws IOException {
        List<Path> before = exports();
        List<Path> opened;
        try (HrmTextModel model = HrmTextModel.load(GOLDEN.dir(), new HrmTextModel.Options("onnx", "cpu", 1, 0))) {
            opened = exports().stream().filter(p -> !before.contains(p)).toList();
            assertTrue(!opened.isEmpty(), "a temporary export while open");
        }
        // other processes may export beside us: ours is the one that went away
        assertTrue(opened.stream().filter(Files::exists).count() < opened.size(), "removed on close: " + opened);
    }

    private static List<Path> exports() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("hrm-onnx-")).sorted().toList();
        }
    }

    private static void assertMessage(String start, Runnable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call::run);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
