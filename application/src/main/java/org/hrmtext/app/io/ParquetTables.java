package org.hrmtext.app.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.hrmtext.domain.InvalidInputException;

/**
 * Parquet files, read as records and written as tables, by an installed implementation
 * ({@link ServiceLoader}; the Spark engine module has one, on the Parquet library Spark ships).
 */
public interface ParquetTables {

    /** Each row of {@code file} as the JSON text of an object of its columns, numbered from 1; {@code part} as in {@link InputLine}. */
    List<InputLine> read(Path file, String part);

    /**
     * Writes {@code rows} to {@code file} with one column per key of the first row: integers as
     * int64, numbers as double, lists as lists, the rest as strings (a column mixing integers and
     * strings is all strings).
     */
    void write(Path file, List<Map<String, Object>> rows);

    /** The installed implementation; none is an error naming {@code what} needed it and how to get one. */
    static ParquetTables installed(String what) {
        return ServiceLoader.load(ParquetTables.class).findFirst().orElseThrow(() -> new InvalidInputException(what
                + ": Parquet needs the hrm-adapters-spark module on the class path (bin/hrm adds it when an argument "
                + "names Parquet; build it with mvn package)"));
    }
}
