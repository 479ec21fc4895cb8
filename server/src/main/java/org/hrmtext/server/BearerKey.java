package org.hrmtext.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The API key clients must send as {@code Authorization: Bearer <key>}, compared in constant time
 * (SHA-256 digests of both, then {@link MessageDigest#isEqual}). Never printed: {@link #toString}
 * hides it.
 */
final class BearerKey {
    private static final String PREFIX = "Bearer ";
    private final byte[] digest;

    BearerKey(String key) {
        this.digest = sha256(key);
    }

    /** Whether an {@code Authorization} header value carries the key. */
    boolean accepts(String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(header.substring(PREFIX.length()).trim()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "BearerKey[hidden]";
    }
}
