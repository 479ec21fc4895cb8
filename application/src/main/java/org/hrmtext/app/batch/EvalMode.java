package org.hrmtext.app.batch;

/** How items are scored. */
public enum EvalMode {
    /** The greedy response must equal the reference response. */
    EXACT,
    /** The model writes one letter for the choices listed in the prompt; invalid letters score 1/n. */
    CHOICE,
    /** The choice with the highest log-likelihood as a response wins. */
    LOGLIK
}
