package org.hrmtext.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the server answers with an OpenAI-style error:
 * {@code {"error": {"message", "type", "param", "code"}}} and an HTTP status.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String type;
    private final String param;
    private final String code;

    public ApiException(int status, String type, String message, String param, String code) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    /** A 400 {@code invalid_request_error} about one field. */
    public static ApiException invalid(String param, String code, String message) {
        return new ApiException(400, "invalid_request_error", message, param, code);
    }

    public int status() {
        return status;
    }

    /** The error body. */
    public Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", getMessage());
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return Map.of("error", error);
    }
}
