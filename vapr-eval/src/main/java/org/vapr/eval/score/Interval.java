package org.vapr.eval.score;

/**
 * A bootstrap percentile interval.
 *
 * @param low  the lower bound (the 2.5th percentile for a 95% interval)
 * @param high the upper bound
 */
public record Interval(double low, double high) {
    /** Whether {@code value} lies inside, bounds included. */
    public boolean contains(double value) {
        return value >= low && value <= high;
    }
}
