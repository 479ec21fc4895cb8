package org.hrmtext.lab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The temporary folder a benchmark exports or writes models into: made, measured and removed. */
final class BenchFolder {
    private BenchFolder() {
    }

    /** A new temporary folder {@code PREFIX…}; {@code command} names the benchmark in errors. */
    static Path create(String prefix, String command) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(command + ": cannot create a temporary folder", e);
        }
    }

    /** The bytes of the files under {@code dir}. */
    static long bytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes {@code dir} and everything under it. */
    static void delete(Path dir, String command) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(command + ": cannot remove " + dir, e);
        }
    }
}
