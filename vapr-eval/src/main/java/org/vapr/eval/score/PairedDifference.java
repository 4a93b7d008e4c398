package org.vapr.eval.score;

/**
 * The paired bootstrap of one score's difference between two prediction files on the same items.
 *
 * @param first      the score of the first file
 * @param second     the score of the second file
 * @param difference {@code second − first}
 * @param interval   the percentile interval of the difference
 * @param pValue     two-sided bootstrap p-value of "no difference": 2·(1 + the number of replicates on the far side
 *                   of 0, ties counted)/(B + 1), capped at 1
 */
public record PairedDifference(double first, double second, double difference, Interval interval, double pValue) {
}
