package org.vapr.pipeline.run;

/**
 * Where the edit stage stands, reported to the build's progress callback (at most about four times a second,
 * and once at the end).
 *
 * @param done             sampled items finished (pairs and drops), in sample order
 * @param total            sampled items to edit
 * @param perSecond        items finished per second since the stage started
 * @param etaSeconds       estimated seconds left at that rate ({@code NaN} before the first item)
 * @param callsMade        chat calls sent to the server in this run
 * @param callsReplayed    chat calls answered from the journal
 * @param promptTokens     prompt tokens of the calls made in this run
 * @param completionTokens completion tokens of the calls made in this run
 * @param costDollars      what the calls made in this run cost, {@code NaN} without a price
 */
public record EditProgress(long done, long total, double perSecond, double etaSeconds, long callsMade,
                           long callsReplayed, long promptTokens, long completionTokens, double costDollars) {

    /** A one-line summary, e.g. {@code edit 1200/30000 (4.0%) 49.8/s ETA 9m38s calls 1250 (+0 replayed) $0.41}. */
    public String toLine() {
        StringBuilder sb = new StringBuilder();
        sb.append("edit ").append(done).append('/').append(total);
        if (total > 0) {
            sb.append(String.format(java.util.Locale.ROOT, " (%.1f%%)", 100.0 * done / total));
        }
        sb.append(String.format(java.util.Locale.ROOT, " %.1f/s", perSecond));
        if (Double.isFinite(etaSeconds)) {
            long s = Math.round(etaSeconds);
            sb.append(" ETA ").append(s >= 3600 ? s / 3600 + "h" : "").append(s >= 60 ? s % 3600 / 60 + "m" : "")
                    .append(s % 60).append('s');
        }
        sb.append(" calls ").append(callsMade).append(" (+").append(callsReplayed).append(" replayed)");
        if (Double.isFinite(costDollars)) {
            sb.append(String.format(java.util.Locale.ROOT, " $%.2f", costDollars));
        }
        return sb.toString();
    }
}
