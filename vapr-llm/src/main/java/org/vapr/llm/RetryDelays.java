package org.vapr.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Computes the wait before a retry: exponential backoff ({@code initial × 2^(attempt-1)}, capped) with "equal
 * jitter" (half fixed, half random, so concurrent clients spread out yet never retry at once), and never less
 * than the server's {@code Retry-After}.
 */
final class RetryDelays {
    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;
    private final Clock clock;

    RetryDelays(Duration initial, Duration max, RandomGenerator random, Clock clock) {
        this.initial = Objects.requireNonNull(initial);
        this.max = Objects.requireNonNull(max);
        this.random = Objects.requireNonNull(random);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * The delay after failed attempt {@code attempt} (from 1).
     *
     * @param retryAfter the server's {@code Retry-After}, or {@code null}
     */
    Duration after(int attempt, Duration retryAfter) {
        long base = initial.toMillis();
        long cap = max.toMillis();
        long exp = base;
        for (int i = 1; i < attempt && exp < cap; i++) {
            exp *= 2;
        }
        exp = Math.min(exp, cap);
        long half = exp / 2;
        long jittered;
        synchronized (random) {
            jittered = half + (exp - half == 0 ? 0 : random.nextLong(exp - half + 1));
        }
        Duration delay = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
    }

    /**
     * Parses a {@code Retry-After} value: delay-seconds or an HTTP date (RFC 1123). {@code null} when absent or
     * unparseable; a date in the past gives zero.
     */
    Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            double seconds = Double.parseDouble(v);
            if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                return null;
            }
            return Duration.ofMillis((long) Math.ceil(Math.min(seconds, 86_400) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), when.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
