package org.hrmtext.server;

/** How a generation ended for the client: OpenAI's finish reason and the usage counts. */
record CompletionResult(String finishReason, int promptTokens, int completionTokens) {
}
