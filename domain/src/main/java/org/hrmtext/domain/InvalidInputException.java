package org.hrmtext.domain;

/**
 * Bad input that a user can fix: a malformed config, batch, data line or weights file.
 *
 * <p>The message is one line that names where the problem is (file, line, key or tensor) and
 * what was expected, so the command line can print it as it is and exit non-zero.
 */
@PublicApi
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Prefixes {@code where} (a file, a line) to a message from deeper down. */
    public static InvalidInputException at(String where, InvalidInputException inner) {
        return new InvalidInputException(where + ": " + inner.getMessage(), inner);
    }
}
