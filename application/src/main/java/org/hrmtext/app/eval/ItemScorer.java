package org.hrmtext.app.eval;

import java.util.List;
import org.hrmtext.app.batch.EvalItem;
import org.hrmtext.app.batch.ScoredItem;

/** Scores a batch of items, returning per item a score in [0, 1] and what the model produced. */
interface ItemScorer extends AutoCloseable {

    List<ScoredItem> score(List<EvalItem> batch);

    @Override
    void close();
}
