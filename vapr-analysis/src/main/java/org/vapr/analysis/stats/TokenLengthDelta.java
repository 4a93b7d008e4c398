package org.vapr.analysis.stats;

/**
 * Token-length delta overall and split at {@value #SHORT_LIMIT} tokens of the chosen response, as in the paper.
 *
 * @param all            every pair
 * @param shortResponses pairs whose chosen response has fewer than {@value #SHORT_LIMIT} tokens
 * @param longResponses  pairs whose chosen response has {@value #SHORT_LIMIT} tokens or more
 * @param histogram      deltas over {@link Histogram#TOKEN_DELTA_EDGES}
 */
public record TokenLengthDelta(LengthDelta all, LengthDelta shortResponses, LengthDelta longResponses, Histogram histogram) {
    /** The short/long split, in tokens of the chosen response. */
    public static final int SHORT_LIMIT = 100;
}
