package org.hrmtext.server;

import java.util.List;
import java.util.Set;
import org.hrmtext.domain.text.Condition;

/**
 * Every text concern of the server, in one place so that another text API can replace it:
 * prompt text → HRM-Text prompt ids ({@code <boq> condition… text <eoq>}), chat messages → the
 * instruction text, the tokens that end an answer, and per-request decoding of new tokens into
 * UTF-8-safe text deltas with stop strings.
 *
 * <p>The messages mapping (HRM-Text has no chat template): the instruction is the content of the
 * last {@code user} message; every earlier message (system, developer, user, assistant) comes
 * before it as one line {@code "Role: content"} each ({@code System:}, {@code User:},
 * {@code Assistant:}), in order, separated by newlines. A single user message is therefore its
 * text alone, exactly as {@code hrm generate --prompt TEXT}.
 */
public interface TextCodec {

    /** Prompt ids of a completion prompt. */
    int[] completionPrompt(String prompt, List<Condition> conditions);

    /** Prompt ids of chat messages (the last one is a user message; see the mapping above). */
    int[] chatPrompt(List<ChatMessage> messages, List<Condition> conditions);

    /** Token ids that end an answer ({@code <eoa>}). */
    Set<Integer> stopTokens();

    /** A decoder for one request's new tokens, ending at the first of {@code stopStrings}. */
    TextDecoder decoder(List<String> stopStrings);

    /** One request's new tokens → text deltas; used by one thread. */
    interface TextDecoder {

        /** Takes a new token; returns the text that is now final (empty while held back). */
        String accept(int token);

        /** Whether a stop token or stop string ended the answer. */
        boolean stopped();

        /** The text still held back (an unfinished UTF-8 sequence, a possible stop-string start). */
        String flush();
    }
}
