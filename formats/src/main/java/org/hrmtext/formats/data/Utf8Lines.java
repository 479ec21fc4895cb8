package org.hrmtext.formats.data;

import io.vavr.control.Either;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.hrmtext.domain.InvalidInputException;

/**
 * Reads a file line by line as strict UTF-8 (a byte-order mark and {@code \r\n} endings are
 * accepted): each line arrives with its 1-based number as its text, or, when its bytes are not
 * UTF-8, as a problem to report. Blank lines are passed over. Shared by {@code hrm prepare} and
 * the token-id reader ({@link TokenIdJsonl}), so both accept and refuse the same bytes.
 */
public final class Utf8Lines {
    private Utf8Lines() {
    }

    /** Receives one non-blank line: its text on the right, or what is wrong with it on the left. */
    @FunctionalInterface
    public interface Handler {
        void line(int number, Either<String, String> text);
    }

    /** Calls {@code handler} for each non-blank line of {@code file}, in order. */
    public static void read(Path file, Handler handler) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int number = 0;
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b == '\n') {
                    emit(++number, line.toByteArray(), utf8, handler);
                    line.reset();
                } else {
                    line.write(b);
                }
            }
            if (line.size() > 0) {
                emit(++number, line.toByteArray(), utf8, handler);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Decodes one line's bytes (without its {@code \n}) as {@link #read} does, for a reader of line-split input elsewhere. */
    public static void line(int number, byte[] bytes, Handler handler) {
        emit(number, bytes, StandardCharsets.UTF_8.newDecoder(), handler);
    }

    private static void emit(int number, byte[] bytes, CharsetDecoder utf8, Handler handler) {
        int start = number == 1 && bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        int end = bytes.length > start && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        String text;
        try {
            text = utf8.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            handler.line(number, Either.left("not valid UTF-8"));
            return;
        }
        if (!text.isBlank()) {
            handler.line(number, Either.right(text));
        }
    }
}
