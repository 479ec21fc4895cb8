package org.hrmtext.tests.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.text.Condition;
import org.hrmtext.inference.GenerationRequest;
import org.hrmtext.inference.HrmTextModel;
import org.hrmtext.inference.text.FinishReason;
import org.hrmtext.inference.text.TextModel;
import org.hrmtext.inference.text.TextRequest;
import org.hrmtext.inference.text.TextResult;
import org.hrmtext.lab.bench.ReleaseTokenizerWriter;
import org.hrmtext.ports.Tokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text in, text out through {@link TextModel} on the real backends, with the golden HRM model and
 * a release-style byte-level BPE tokenizer: the prompt format, the answer equal to the token-id
 * engine's, streaming, stop strings and many threads at once.
 */
class TextModelTest {
    private static final String QUESTION = "What is 12 * 7? Think it through.";

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void writeModel() throws IOException {
        model = GoldenModelDir.write("golden/hrm", dir.resolve("model"));
    }

    private static TextModel load(String backend) {
        return TextModel.load(model, new HrmTextModel.Options(backend, "cpu", 1, 0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"djl", "onnx"})
    void answersInTheReleasePromptFormatAsTheTokenEngineDoes(String backend) {
        try (TextModel hrm = load(backend)) {
            Tokenizer tok = hrm.tokenizer();
            TextRequest request = TextRequest.builder("  " + QUESTION + "\n").maxNewTokens(24).build();
            int[] prompt = hrm.promptIds(request);
            int[] text = tok.encode(QUESTION);
            assertEquals(ReleaseTokenizerWriter.BOS, prompt[0], "<|im_start|>");
            assertEquals(8, prompt[1], "direct = <|object_ref_start|>");
            assertEquals(7, prompt[prompt.length - 1], "<|im_end|>");
            assertArrayEquals(text, Arrays.copyOfRange(prompt, 2, prompt.length - 1), "the stripped prompt, no specials added");

            TextResult r = hrm.generate(request);
            int[] expected = hrm.model().generate(new GenerationRequest(List.of(prompt), 24,
                    request.sampling(), 0, java.util.Set.of(ReleaseTokenizerWriter.EOS), List.of(), null))
                    .newTokens().get(0);
            assertArrayEquals(expected, r.tokenIds());
            assertEquals(prompt.length, r.promptTokens());
            assertEquals(expected.length, r.generatedTokens());
            assertEquals(tok.decode(tok.layout().answer(expected)), r.text());
            boolean endedOnEos = expected[expected.length - 1] == ReleaseTokenizerWriter.EOS;
            assertEquals(endedOnEos ? FinishReason.STOP_TOKEN : FinishReason.LENGTH, r.finishReason());
            assertFalse(r.text().contains("<|box_end|>"));
            assertTrue(r.prefillMillis() > 0);
        }
    }

    @Test
    void streamedDeltasJoinToTheTextAndStopStringsCutIt() {
        try (TextModel hrm = load("djl")) {
            TextRequest request = TextRequest.builder(QUESTION).conditions(Condition.SYNTH, Condition.COT)
                    .temperature(1.0, 3).maxNewTokens(60).build();
            List<String> deltas = new ArrayList<>();
            TextResult r = hrm.stream(request, deltas::add);
            assertEquals(r.text(), String.join("", deltas));
            assertTrue(deltas.stream().noneMatch(String::isEmpty));
            assertTrue(r.text().length() > 4, "a long enough sample to cut: " + r.text());

            String stop = r.text().substring(2, 4);
            List<String> cutDeltas = new ArrayList<>();
            TextResult cut = hrm.stream(TextRequest.builder(QUESTION).conditions(Condition.SYNTH, Condition.COT)
                    .temperature(1.0, 3).maxNewTokens(60).stop(stop).build(), cutDeltas::add);
            assertEquals(FinishReason.STOP_STRING, cut.finishReason());
            assertEquals(r.text().substring(0, r.text().indexOf(stop)), cut.text());
            assertEquals(cut.text(), String.join("", cutDeltas));
            assertArrayEquals(Arrays.copyOf(r.tokenIds(), cut.generatedTokens()), cut.tokenIds(),
                    "same seed, same tokens up to the stop");
        }
    }

    @Test
    void manyThreadsGetWhatOneThreadGets() throws Exception {
        try (TextModel hrm = load("djl")) {
            List<TextRequest> requests = IntStream.range(0, 6).mapToObj(i -> TextRequest.builder("Question " + i + ": 2+" + i + "?")
                    .temperature(i % 2 == 0 ? 0 : 0.8, i).maxNewTokens(12).build()).toList();
            List<TextResult> alone = requests.stream().map(hrm::generate).toList();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<TextResult>> together = requests.stream().map(q -> pool.submit(() -> hrm.generate(q))).toList();
                for (int i = 0; i < requests.size(); i++) {
                    assertArrayEquals(alone.get(i).tokenIds(), together.get(i).get().tokenIds(), "request " + i);
                    assertEquals(alone.get(i).text(), together.get(i).get().text(), "request " + i);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void aModelWithoutTokenizerFilesIsAClearError() throws IOException {
        Path bare = Files.createDirectories(dir.resolve("bare"));
        Files.copy(model.resolve("config.json"), bare.resolve("config.json"));
        Files.copy(model.resolve("model.safetensors"), bare.resolve("model.safetensors"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TextModel.load(bare));
        assertTrue(e.getMessage().contains("no tokenizer files"), e.getMessage());
    }
}
