package org.hrmtext.domain.training;

import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.data.SequenceSpan;

/**
 * Token accuracy over labelled (response) positions and sequence exact accuracy (every
 * labelled token of a sample right), from a backend's argmax predictions.
 */
public record ResponseAccuracy(double tokenAccuracy, double sequenceExactAccuracy) {

    public static ResponseAccuracy of(PackedBatch batch, int[] predictions) {
        int[] labels = batch.labels();
        long right = 0;
        long labelled = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != PackedBatch.IGNORE) {
                labelled++;
                if (predictions[i] == labels[i]) {
                    right++;
                }
            }
        }
        int exact = 0;
        int sequences = 0;
        for (SequenceSpan s : batch.spans()) {
            int base = s.row() * batch.seqLen();
            boolean all = true;
            boolean any = false;
            for (int p = base + s.start(); p < base + s.end(); p++) {
                if (labels[p] != PackedBatch.IGNORE) {
                    any = true;
                    all &= predictions[p] == labels[p];
                }
            }
            if (any) {
                sequences++;
                exact += all ? 1 : 0;
            }
        }
        return new ResponseAccuracy(labelled == 0 ? 0 : (double) right / labelled,
                sequences == 0 ? 0 : (double) exact / sequences);
    }
}
