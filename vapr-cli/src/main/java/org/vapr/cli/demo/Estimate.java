package org.vapr.cli.demo;

import org.vapr.eval.ScoreReport;

/**
 * A score with its bootstrap 95% interval; {@code value} is {@code null} when the score is undefined.
 *
 * @param value  the point estimate
 * @param ciLow  the interval's lower bound, or {@code null}
 * @param ciHigh the upper bound, or {@code null}
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
public record Estimate(Double value, Double ciLow, Double ciHigh) {
    /** The row called {@code name} of a score report (all null when absent). */
    static Estimate of(ScoreReport report, String name) {
        ScoreReport.Row row = report.score(name);
        return row == null ? new Estimate(null, null, null) : new Estimate(row.value(), row.ciLow(), row.ciHigh());
    }

    /** The value, or NaN when undefined. */
    double or() {
        return value == null ? Double.NaN : value;
    }

    /** Whether both intervals are known and overlap. */
    boolean overlaps(Estimate other) {
        return ciLow != null && ciHigh != null && other.ciLow != null && other.ciHigh != null
                && ciLow <= other.ciHigh && other.ciLow <= ciHigh;
    }
}
