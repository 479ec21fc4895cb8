package org.hrmtext.tests.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hrmtext.app.serve.ServerLauncher;
import org.hrmtext.cli.Hrm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A third-party client, LangChain4j's OpenAI module, pointed at the server: a greedy chat
 * completion and a streamed one both give {@code hrm generate}'s text for the same prompt and
 * the default condition {@code direct}.
 */
class ServerClientTest {
    private static ServerLauncher.Running server;

    @BeforeAll
    static void start() {
        server = ServedModel.start(4, 8);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String generate(String prompt, int maxTokens) {
        return Hrm.run("generate", "--model", ServedModel.onnx(), "--prompt", prompt, "--condition", "direct",
                "--max-new-tokens", maxTokens).succeeded().out().stripTrailing();
    }

    @Test
    void chatCompletionEqualsHrmGenerate() {
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(server.url() + "/v1").apiKey("unused").modelName("model")
                .temperature(0.0).maxTokens(10).timeout(Duration.ofSeconds(60)).build();
        ChatResponse response = model.chat(dev.langchain4j.data.message.UserMessage.from("hello"));
        assertEquals(generate("hello", 10), response.aiMessage().text());
        assertNotNull(response.tokenUsage());
        assertEquals(8, response.tokenUsage().inputTokenCount(), "<boq> <direct> hello <eoq>");
    }

    @Test
    void streamedChatCompletionEqualsHrmGenerate() throws Exception {
        OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(server.url() + "/v1").apiKey("unused")
                .modelName("model").temperature(0.0).maxTokens(12).timeout(Duration.ofSeconds(60)).build();
        List<String> parts = new ArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat("abc", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                parts.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response = done.get(60, TimeUnit.SECONDS);
        String expected = generate("abc", 12);
        assertEquals(expected, String.join("", parts));
        assertEquals(expected, response.aiMessage().text());
        assertFalse(parts.isEmpty() && !expected.isEmpty(), "text arrived in parts");
    }
}
