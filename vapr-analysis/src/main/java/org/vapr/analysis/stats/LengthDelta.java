package org.vapr.analysis.stats;

/**
 * Token-length delta (chosen − rejected) over a set of pairs.
 *
 * @param pairs           number of pairs
 * @param chosenLonger    share of pairs with the chosen response longer (delta &gt; 0), 0…1
 * @param chosenShorter   share with the chosen response shorter (delta &lt; 0)
 * @param equal           share with equal length
 * @param meanWhenLonger  mean delta over the chosen-longer pairs, a positive number of tokens; {@code null} if none
 * @param meanWhenShorter mean |delta| over the chosen-shorter pairs, also positive; {@code null} if none
 * @param mean            mean signed delta
 * @param meanAbs         mean |delta| (the paper's "token gap")
 */
public record LengthDelta(long pairs, double chosenLonger, double chosenShorter, double equal, Double meanWhenLonger,
                          Double meanWhenShorter, double mean, double meanAbs) {

    public static LengthDelta of(int[] deltas) {
        long n = deltas.length;
        if (n == 0) {
            return new LengthDelta(0, 0, 0, 0, null, null, 0, 0);
        }
        long longer = 0;
        long shorter = 0;
        long sumLonger = 0;
        long sumShorter = 0;
        long sum = 0;
        for (int d : deltas) {
            sum += d;
            if (d > 0) {
                longer++;
                sumLonger += d;
            } else if (d < 0) {
                shorter++;
                sumShorter -= d;
            }
        }
        return new LengthDelta(n, (double) longer / n, (double) shorter / n, (double) (n - longer - shorter) / n,
                longer == 0 ? null : (double) sumLonger / longer, shorter == 0 ? null : (double) sumShorter / shorter,
                (double) sum / n, (double) (sumLonger + sumShorter) / n);
    }
}
