package org.hrmtext.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hrmtext.domain.text.Condition;
import org.hrmtext.ports.Tokenizer;

/**
 * {@link TextCodec} over a {@link Tokenizer} and its {@link org.hrmtext.domain.text.TokenLayout}:
 * prompts through {@code layout().instruction}, stop at {@code <eoa>}. Deltas are made by decoding
 * all new tokens so far and sending what grew, holding back trailing U+FFFD (a byte sequence a later
 * token may complete) and any tail that could begin a stop string.
 */
public final class TokenizerTextCodec implements TextCodec {
    private static final char REPLACEMENT = '\uFFFD';
    private final Tokenizer tokenizer;

    public TokenizerTextCodec(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public int[] completionPrompt(String prompt, List<Condition> conditions) {
        return tokenizer.layout().instruction(conditions, tokenizer.encode(prompt));
    }

    @Override
    public int[] chatPrompt(List<ChatMessage> messages, List<Condition> conditions) {
        return completionPrompt(instruction(messages), conditions);
    }

    /** The instruction text of chat messages (see the mapping in {@link TextCodec}). */
    static String instruction(List<ChatMessage> messages) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < messages.size() - 1; i++) {
            ChatMessage m = messages.get(i);
            text.append(m.role().substring(0, 1).toUpperCase(Locale.ROOT)).append(m.role().substring(1))
                    .append(": ").append(m.content()).append('\n');
        }
        return text.append(messages.get(messages.size() - 1).content()).toString();
    }

    @Override
    public Set<Integer> stopTokens() {
        return Set.of(tokenizer.layout().eoa());
    }

    @Override
    public TextDecoder decoder(List<String> stopStrings) {
        return new Decoder(List.copyOf(stopStrings));
    }

    /** Incremental decoding of one request. */
    private final class Decoder implements TextDecoder {
        private final List<String> stops;
        private final List<Integer> ids = new ArrayList<>();
        private int sent;
        private boolean stopped;
        private String text = "";

        Decoder(List<String> stops) {
            this.stops = stops;
        }

        @Override
        public String accept(int token) {
            if (stopped) {
                return "";
            }
            if (stopTokens().contains(token)) {
                stopped = true;
                return flush();
            }
            ids.add(token);
            text = tokenizer.decode(ids.stream().mapToInt(Integer::intValue).toArray());
            int cut = firstStop(text);
            if (cut >= 0) {
                stopped = true;
                text = text.substring(0, cut);
                return flush();
            }
            int safe = text.length();
            while (safe > sent && text.charAt(safe - 1) == REPLACEMENT) {
                safe--;
            }
            safe = Math.max(sent, safe - heldForStops(text.substring(0, safe)));
            String delta = text.substring(sent, safe);
            sent = safe;
            return delta;
        }

        private int firstStop(String s) {
            int first = -1;
            for (String stop : stops) {
                int at = s.indexOf(stop);
                if (at >= 0 && (first < 0 || at < first)) {
                    first = at;
                }
            }
            return first;
        }

        /** Length of the longest tail of {@code s} that is a proper prefix of a stop string. */
        private int heldForStops(String s) {
            int held = 0;
            for (String stop : stops) {
                for (int k = Math.min(stop.length() - 1, s.length()); k > held; k--) {
                    if (s.endsWith(stop.substring(0, k))) {
                        held = k;
                        break;
                    }
                }
            }
            return held;
        }

        @Override
        public boolean stopped() {
            return stopped;
        }

        @Override
        public String flush() {
            String rest = text.substring(Math.min(sent, text.length()));
            sent = text.length();
            return rest;
        }
    }
}
