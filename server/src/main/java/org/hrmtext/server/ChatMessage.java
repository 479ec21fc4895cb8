package org.hrmtext.server;

/** One message of a chat request: {@code system}, {@code developer}, {@code user} or {@code assistant}, and its text. */
public record ChatMessage(String role, String content) {
}
