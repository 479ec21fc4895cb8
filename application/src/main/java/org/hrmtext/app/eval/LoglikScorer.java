package org.hrmtext.app.eval;

import java.util.ArrayList;
import java.util.List;
import org.hrmtext.app.batch.EvalItem;
import org.hrmtext.app.batch.ScoredItem;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.domain.data.SamplePacker;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.ports.ScoreRequest;
import org.hrmtext.ports.Tokenizer;
import org.hrmtext.ports.Trainer;

/**
 * Multiple choice by log-likelihood: each choice is scored as the response to the instruction
 * (sum of its tokens' log-probabilities, {@code <eoa>} included) and the most likely one wins.
 */
final class LoglikScorer implements ItemScorer {
    private final Trainer trainer;
    private final Tokenizer tokenizer;
    private final RecurrenceSchedule schedule;

    LoglikScorer(Trainer trainer, Tokenizer tokenizer, ModelConfig config) {
        this.trainer = trainer;
        this.tokenizer = tokenizer;
        this.schedule = RecurrenceSchedule.of(config, RecurrenceSchedule.ownCredit(config));
    }

    @Override
    public List<ScoredItem> score(List<EvalItem> batch) {
        List<ScoredItem> out = new ArrayList<>();
        for (EvalItem item : batch) {
            int best = 0;
            double bestLoglik = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < item.choices().size(); c++) {
                Sample s = tokenizer.layout().sample(item.conditions(), tokenizer.encode(item.instruction()),
                        tokenizer.encode(item.choices().get(c)));
                PackedBatch b = new SamplePacker(1, Math.max(2, s.packedLength())).packEpoch(List.of(s), 0, 0).get(0);
                var r = trainer.score(b, new ScoreRequest(schedule, false, false));
                double loglik = -r.loss() * r.labelledTokens();
                if (loglik > bestLoglik) {
                    bestLoglik = loglik;
                    best = c;
                }
            }
            out.add(new ScoredItem(best == item.answer() ? 1 : 0, String.valueOf((char) ('A' + best))));
        }
        return out;
    }

    @Override
    public void close() {
        trainer.close();
    }
}
