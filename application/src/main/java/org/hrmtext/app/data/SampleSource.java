package org.hrmtext.app.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import io.vavr.control.Either;
import org.hrmtext.app.io.InputFiles;
import org.hrmtext.app.io.InputLine;
import org.hrmtext.app.io.ParquetTables;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.formats.data.Utf8Lines;
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
    /**
     * Reads {@code request.input()} here with {@code tokenizer}: a JSONL or Parquet file (rows as
     * JSON objects of their columns, numbered as lines), or a directory of such part files in the
     * order of their names (malformed lines named by file and line).
     */
    SampleSource LOCAL = (request, tokenizer, stats, sink) -> {
        boolean directory = Files.isDirectory(request.input());
        for (Path part : InputFiles.parts(request.input())) {
            SampleMaker maker = new SampleMaker(tokenizer, SampleMaker.Rules.of(request), stats,
                    directory ? part.toString() : "");
            if (InputFiles.isParquet(part.getFileName().toString())) {
                for (InputLine row : ParquetTables.installed(part.toString()).read(part, "")) {
                    maker.make(row.line(), Either.right(row.text())).ifPresent(sink);
                }
            } else {
                Utf8Lines.read(part, (line, text) -> maker.make(line, text).ifPresent(sink));
            }
        }
    };

    void make(PrepareRequest request, Tokenizer tokenizer, PrepareStats stats, Consumer<Sample> sink);
}
