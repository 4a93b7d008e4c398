package org.vapr.llm;

import java.time.Duration;

/** A transient failure of one attempt (408/409/429/5xx, connection error, timeout, unusable 200 body). */
final class RetryableFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Duration retryAfter;

    RetryableFailure(String message, int status, Duration retryAfter, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
