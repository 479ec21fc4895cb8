package org.hrmtext.app.data;

import java.util.function.Consumer;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.domain.data.Utf8Lines;
import org.hrmtext.ports.Tokenizer;

/**
 * Where the samples of a {@code hrm prepare} run are made: {@link #LOCAL} reads the input file
 * line by line in this process; a distributed engine tokenizes partitions elsewhere with
 * {@link SampleMaker}s of the same {@link SampleMaker.Rules}. Either way the samples arrive at
 * {@code sink} in input order and {@code stats} ends as if the input had been read in one pass,
 * so the dataset written does not depend on where they were made.
 */
@FunctionalInterface
public interface SampleSource {
    /** Reads {@code request.input()} here with {@code tokenizer}. */
    SampleSource LOCAL = (request, tokenizer, stats, sink) -> {
        SampleMaker maker = new SampleMaker(tokenizer, SampleMaker.Rules.of(request), stats);
        Utf8Lines.read(request.input(), (line, text) -> maker.make(line, text).ifPresent(sink));
    };

    void make(PrepareRequest request, Tokenizer tokenizer, PrepareStats stats, Consumer<Sample> sink);
}
