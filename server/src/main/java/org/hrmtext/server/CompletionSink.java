package org.hrmtext.server;

/** Where a generation's text goes as it is made: an SSE stream or a buffer for one JSON answer. */
interface CompletionSink {

    /** Sends (or keeps) a piece of new text. */
    void delta(String text);

    /** Whether the client is still there. */
    boolean alive();

    /** Called while no token comes (queued or slow), so a gone client is noticed. */
    void idle();
}
