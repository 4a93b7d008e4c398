package org.vapr.analysis.stats;

import java.util.List;

/**
 * Every statistic over one set of pairs (a whole dataset or one category).
 *
 * @param pairs                    number of pairs
 * @param wordLevenshtein          word-level Levenshtein distances
 * @param wordLevenshteinHistogram the same over {@link Histogram#WORD_DISTANCE_EDGES}
 * @param wordLevenshteinDistinct  word-level Levenshtein distances of the pairs that are not exact duplicates: a
 *                                 dataset whose rejected answer often repeats the chosen one (SIMA-style self-samples)
 *                                 otherwise looks like the one with the smallest edits
 * @param tokenLengthDelta         token-length deltas, split short/long
 * @param duplicates               exact and near duplicates
 * @param lengths                  response lengths
 */
public record BiasStatistics(long pairs, Summary wordLevenshtein, Histogram wordLevenshteinHistogram,
                             Summary wordLevenshteinDistinct, TokenLengthDelta tokenLengthDelta, Duplicates duplicates, Lengths lengths) {

    public static BiasStatistics of(List<PairMetrics> metrics) {
        int n = metrics.size();
        int[] dist = new int[n];
        int[] delta = new int[n];
        int[] ct = new int[n];
        int[] rt = new int[n];
        int shortCount = 0;
        int distinct = 0;
        long cw = 0;
        long rw = 0;
        for (int i = 0; i < n; i++) {
            PairMetrics p = metrics.get(i);
            dist[i] = p.wordDistance();
            delta[i] = p.tokenDelta();
            ct[i] = p.chosenTokens();
            rt[i] = p.rejectedTokens();
            cw += p.chosenWords();
            rw += p.rejectedWords();
            if (p.chosenTokens() < TokenLengthDelta.SHORT_LIMIT) {
                shortCount++;
            }
            distinct += p.exactDuplicate() ? 0 : 1;
        }
        int[] distinctDist = new int[distinct];
        for (int i = 0, j = 0; i < n; i++) {
            if (!metrics.get(i).exactDuplicate()) {
                distinctDist[j++] = dist[i];
            }
        }
        int[] shortDeltas = new int[shortCount];
        int[] longDeltas = new int[n - shortCount];
        int s = 0;
        int l = 0;
        for (int i = 0; i < n; i++) {
            if (ct[i] < TokenLengthDelta.SHORT_LIMIT) {
                shortDeltas[s++] = delta[i];
            } else {
                longDeltas[l++] = delta[i];
            }
        }
        TokenLengthDelta tld = new TokenLengthDelta(LengthDelta.of(delta), LengthDelta.of(shortDeltas),
                LengthDelta.of(longDeltas), Histogram.of(delta, Histogram.TOKEN_DELTA_EDGES));
        Lengths lengths = new Lengths(Summary.of(ct), Summary.of(rt), n == 0 ? 0 : (double) cw / n, n == 0 ? 0 : (double) rw / n);
        return new BiasStatistics(n, Summary.of(dist), Histogram.of(dist, Histogram.WORD_DISTANCE_EDGES),
                Summary.of(distinctDist), tld,
                Duplicates.of(metrics), lengths);
    }
}
