package org.hrmtext.inference.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hrmtext.ports.Tokenizer;

/**
 * The text of one answer as its tokens arrive: decodes the tokens so far (end-of-answer tokens
 * left out), ends the text before the first stop string, and hands the listener only text that
 * is final. Text is held back while it ends in U+FFFD (the bytes of a character split across
 * tokens) or in the start of a stop string. One per answer; not shared between threads.
 */
final class TextDecoder {
    private static final char REPLACEMENT = '\uFFFD';
    private final Tokenizer tokenizer;
    private final Set<Integer> endTokens;
    private final List<String> stopStrings;
    private final TextListener listener;
    private final List<Integer> ids = new ArrayList<>();
    private final StringBuilder sent = new StringBuilder();
    private String text = "";
    private boolean stopped;

    TextDecoder(Tokenizer tokenizer, Set<Integer> endTokens, List<String> stopStrings, TextListener listener) {
        this.tokenizer = tokenizer;
        this.endTokens = Set.copyOf(endTokens);
        this.stopStrings = List.copyOf(stopStrings);
        this.listener = listener;
    }

    /** Takes the next token; answers whether a stop string has now appeared. */
    boolean add(int token) {
        if (stopped || endTokens.contains(token)) {
            return stopped;
        }
        ids.add(token);
        String all = tokenizer.decode(ids.stream().mapToInt(Integer::intValue).toArray());
        int cut = firstStop(all);
        if (cut >= 0) {
            text = all.substring(0, cut);
            stopped = true;
            send(text);
            return true;
        }
        text = all;
        send(all.substring(0, settledEnd(all)));
        return false;
    }

    /** The answer's text; sends what was held back. */
    String finish() {
        send(text);
        return text;
    }

    private int firstStop(String all) {
        int first = -1;
        for (String s : stopStrings) {
            int at = all.indexOf(s);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    /** Where the final part of {@code all} ends: before a trailing partial character or stop-string start. */
    private int settledEnd(String all) {
        int end = all.length();
        while (end > 0 && all.charAt(end - 1) == REPLACEMENT) {
            end--;
        }
        int hold = 0;
        for (String s : stopStrings) {
            for (int k = Math.min(s.length() - 1, end); k > hold; k--) {
                if (all.regionMatches(end - k, s, 0, k)) {
                    hold = k;
                    break;
                }
            }
        }
        return end - hold;
    }

    private void send(String settled) {
        if (settled.length() > sent.length() && settled.startsWith(sent.toString())) {
            String delta = settled.substring(sent.length());
            sent.append(delta);
            if (listener != null) {
                listener.onText(delta);
            }
        }
    }
}
