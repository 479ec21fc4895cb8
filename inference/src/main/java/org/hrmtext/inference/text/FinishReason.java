package org.hrmtext.inference.text;

import org.hrmtext.domain.PublicApi;

/** Why a text generation ended. */
@PublicApi
public enum FinishReason {
    /** The model produced its end-of-answer token ({@code <eoa>}, the config's {@code eos_token_id}); it is not in the text. */
    STOP_TOKEN,
    /** One of the request's stop strings appeared; the text ends just before it. */
    STOP_STRING,
    /** The request's token limit was reached. */
    LENGTH
}
