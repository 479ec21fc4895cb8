package org.hrmtext.spark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.hrmtext.app.io.InputFiles;
import org.hrmtext.app.io.InputLine;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.data.Utf8Lines;

/**
 * Inputs on any Hadoop file system: a file, or a directory whose part files (as
 * {@link InputFiles#isPart}) are taken in the order of their names, and one file's records read
 * as locally ({@link Utf8Lines} for JSONL, {@link ParquetRows} for Parquet). Each part is named in
 * messages as the input joined with its name, as a local run names it.
 */
final class HadoopInputs {
    private HadoopInputs() {
    }

    /** One file of an input: its path, and its name in the directory ({@code ""} when the input is that file). */
    record Part(String path, String label, String name) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The input's files, in order. */
    static List<Part> parts(String input, Configuration conf) {
        try {
            Path path = new Path(input);
            FileSystem fs = path.getFileSystem(conf);
            if (!fs.exists(path)) {
                throw new InvalidInputException(input + ": file not found");
            }
            FileStatus status = fs.getFileStatus(path);
            if (status.isFile()) {
                return List.of(new Part(status.getPath().toString(), input, ""));
            }
            FileStatus[] listed = fs.listStatus(path);
            Arrays.sort(listed, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
            String base = input.replaceAll("/+$", "");
            List<Part> parts = new ArrayList<>();
            for (FileStatus s : listed) {
                if (s.isFile() && InputFiles.isPart(s.getPath().getName())) {
                    parts.add(new Part(s.getPath().toString(), base + "/" + s.getPath().getName(), s.getPath().getName()));
                }
            }
            if (parts.isEmpty()) {
                throw new InvalidInputException(input + ": a directory without part files (JSONL or Parquet)");
            }
            return parts;
        } catch (IOException e) {
            throw new InvalidInputException(input + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The settings of {@code conf}, to rebuild it on an executor. */
    static Map<String, String> settings(Configuration conf) {
        Map<String, String> m = new HashMap<>();
        conf.forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    static Configuration configuration(Map<String, String> settings) {
        Configuration conf = new Configuration(false);
        settings.forEach(conf::set);
        return conf;
    }

    /** The non-blank lines (JSONL) or rows (Parquet) of one part. */
    static List<InputLine> read(Part part, Configuration conf) {
        Path path = new Path(part.path());
        try {
            if (InputFiles.isParquet(path.getName())) {
                return ParquetRows.read(HadoopInputFile.fromPath(path, conf), part.label(), part.name());
            }
            List<InputLine> out = new ArrayList<>();
            Utf8Lines.Handler handler = (n, text) -> out.add(text.isRight() ? InputLine.of(part.label(), part.name(), n, text.get())
                    : new InputLine(part.label(), part.name(), n, null, text.getLeft()));
            try (InputStream in = new BufferedInputStream(path.getFileSystem(conf).open(path), 1 << 16)) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int number = 0;
                for (int b = in.read(); b != -1; b = in.read()) {
                    if (b == '\n') {
                        Utf8Lines.line(++number, line.toByteArray(), handler);
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
                if (line.size() > 0) {
                    Utf8Lines.line(++number, line.toByteArray(), handler);
                }
            }
            return out;
        } catch (IOException e) {
            throw new InvalidInputException(part.label() + ": cannot read: " + e.getMessage(), e);
        }
    }
}
