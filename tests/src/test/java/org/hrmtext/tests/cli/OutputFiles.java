package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks on what a command left on disk: exactly the expected entries in a directory (no
 * half-written file, no temporary sibling), and content digests to prove files byte-identical.
 */
final class OutputFiles {
    private OutputFiles() {
    }

    /** Asserts that {@code dir} holds exactly {@code names} (hidden temporaries included in the listing). */
    static void assertEntries(Path dir, String... names) {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(names).stream().sorted().toList(),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "entries of " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of every regular file under {@code dir}, by relative path. */
    static Map<String, String> digests(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(f -> out.put(dir.relativize(f).toString(), digest(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String digest(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
