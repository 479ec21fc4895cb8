package org.hrmtext.app.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hrmtext.app.batch.EvalItem;
import org.hrmtext.app.batch.EvalMode;
import org.hrmtext.app.batch.ScoredItem;
import org.hrmtext.inference.GenerationRequest;
import org.hrmtext.inference.GenerationResult;
import org.hrmtext.inference.HrmTextModel;
import org.hrmtext.inference.SamplingSettings;
import org.hrmtext.ports.Tokenizer;

/**
 * Exact match and the paper's multiple-choice protocol, both by greedy generation: an exact
 * item scores 1 when the decoded response equals the reference; a choice item when the first
 * letter written is the right one, and 1/n when it is no valid letter.
 */
final class GenerationScorer implements ItemScorer {
    private final HrmTextModel model;
    private final Tokenizer tokenizer;
    private final EvalMode mode;

    GenerationScorer(HrmTextModel model, Tokenizer tokenizer, EvalMode mode) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.mode = mode;
    }

    @Override
    public List<ScoredItem> score(List<EvalItem> batch) {
        List<int[]> prompts = new ArrayList<>();
        int longest = 4;
        for (EvalItem item : batch) {
            String text = mode == EvalMode.EXACT ? item.instruction() : item.choicePrompt();
            prompts.add(tokenizer.layout().instruction(item.conditions(), tokenizer.encode(text)));
            if (mode == EvalMode.EXACT) {
                longest = Math.max(longest, tokenizer.encode(item.response()).length + 8);
            }
        }
        GenerationResult r = model.generate(new GenerationRequest(prompts, longest, SamplingSettings.greedy(), 0,
                Set.of(tokenizer.layout().eoa()), List.of(), null));
        List<ScoredItem> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            String text = tokenizer.decode(tokenizer.layout().answer(r.newTokens().get(i)));
            out.add(new ScoredItem(mode == EvalMode.EXACT ? exact(batch.get(i), text) : choice(batch.get(i), text), text));
        }
        return out;
    }

    private static double exact(EvalItem item, String text) {
        return text.strip().equals(item.response().strip()) ? 1 : 0;
    }

    /** The paper's protocol: 1 for the right letter, 0 for a wrong one, 1/n when the text starts with no valid letter. */
    static double choice(EvalItem item, String text) {
        String t = text.strip();
        int n = item.choices().size();
        int letter = t.isEmpty() ? -1 : Character.toUpperCase(t.charAt(0)) - 'A';
        if (letter < 0 || letter >= n) {
            return 1.0 / n;
        }
        return letter == item.answer() ? 1 : 0;
    }

    @Override
    public void close() {
        model.close();
    }
}
