package org.vapr.llm;

import java.time.Duration;

/**
 * Hooks into a {@link ChatClient}'s work, for progress logs and tests. Reasons never contain the API key.
 * Methods may be called from several threads at once.
 */
@FunctionalInterface
public interface ChatEvents {

    /** No hooks. */
    ChatEvents NONE = (attempt, reason, delay) -> {
    };

    /**
     * An attempt failed and another follows.
     *
     * @param attempt the attempt that failed, from 1
     * @param reason  one line: the status and server message, or the connection error
     * @param delay   the delay computed before the next attempt (backoff with jitter, at least the server's
     *                {@code Retry-After}), before {@link Resilience#delayScale()} is applied
     */
    void onRetry(int attempt, String reason, Duration delay);
}
