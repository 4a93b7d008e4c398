package org.vapr.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * Retry and rate-limit settings of a {@link ChatClient}.
 *
 * @param maxAttempts       attempts per request, the first included (1: no retries)
 * @param initialBackoff    the backoff before the second attempt; it doubles per attempt
 * @param maxBackoff        the cap on the exponential backoff (a server's {@code Retry-After} may exceed it)
 * @param requestsPerMinute the request rate limit, 0 for none
 * @param tokensPerMinute   the token rate limit (estimated prompt tokens plus max completion tokens per
 *                          attempt), 0 for none
 * @param maxInFlight       the most requests in flight at once
 * @param delayScale        the factor between a computed retry delay and the time actually waited: 1 in
 *                          production; tests use 0 so they never sleep, while {@link ChatEvents#onRetry}
 *                          still reports the delay that was computed
 */
public record Resilience(int maxAttempts, Duration initialBackoff, Duration maxBackoff, int requestsPerMinute,
                         int tokensPerMinute, int maxInFlight, double delayScale) {

    public Resilience {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff: " + initialBackoff + ", " + maxBackoff);
        }
        if (requestsPerMinute < 0 || tokensPerMinute < 0) {
            throw new IllegalArgumentException("rate limits must be >= 0 (0: none)");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
        }
        if (!(delayScale >= 0) || Double.isInfinite(delayScale)) {
            throw new IllegalArgumentException("delayScale must be finite and >= 0: " + delayScale);
        }
    }

    /** Six attempts, backoff 1 s doubling to 60 s, no rate limits, 16 in flight, real waits. */
    public static Resilience defaults() {
        return new Resilience(6, Duration.ofSeconds(1), Duration.ofSeconds(60), 0, 0, 16, 1.0);
    }

    /** A copy with this many attempts. */
    public Resilience withMaxAttempts(int attempts) {
        return new Resilience(attempts, initialBackoff, maxBackoff, requestsPerMinute, tokensPerMinute, maxInFlight, delayScale);
    }

    /** A copy with these limits (0: none for the rates). */
    public Resilience withLimits(int rpm, int tpm, int inFlight) {
        return new Resilience(maxAttempts, initialBackoff, maxBackoff, rpm, tpm, inFlight, delayScale);
    }

    /** A copy with this delay scale (see the record doc). */
    public Resilience withDelayScale(double scale) {
        return new Resilience(maxAttempts, initialBackoff, maxBackoff, requestsPerMinute, tokensPerMinute, maxInFlight, scale);
    }
}
