package org.vapr.llm;

/**
 * A chat request that failed for good: a status no retry can fix (400, 401, 403, 404, other 4xx), or the
 * last of the allowed attempts failed. The message is one line, the HTTP status and the server's own error
 * message or the last connection error, and never contains the API key.
 */
public class LlmException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final boolean fatal;

    LlmException(String message, int status, boolean fatal, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.fatal = fatal;
    }

    /** The HTTP status of the last response, 0 when there was none (connection error, timeout). */
    public int status() {
        return status;
    }

    /**
     * Whether the server refused the request itself (400/401/403/404…), so the run should stop: every further
     * request would fail the same way. {@code false} when retries were exhausted on transient errors.
     */
    public boolean fatal() {
        return fatal;
    }
}
