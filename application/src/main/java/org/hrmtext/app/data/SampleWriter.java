package org.hrmtext.app.data;

import java.io.IOException;
import org.hrmtext.domain.data.Sample;

/** Streams samples, in input order, into the files of one dataset format, then its per-epoch orders. */
interface SampleWriter extends AutoCloseable {

    void add(Sample s) throws IOException;

    /** Writes the shuffled sample order of epochs {@code 0 … epochs−1}. */
    void writeOrders(int epochs, long seed) throws IOException;

    @Override
    void close() throws IOException;
}
