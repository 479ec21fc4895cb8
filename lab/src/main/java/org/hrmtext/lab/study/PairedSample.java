package org.hrmtext.lab.study;

/**
 * Full and truncated backprop on the same weights (a checkpoint of one setting) and the same
 * held-out batch: the global gradient norm of each, and their ratio full / truncated.
 */
record PairedSample(String arch, String depth, String truncated, int step, int batch, double full, double truncatedNorm) {

    double ratio() {
        return full / truncatedNorm;
    }
}
