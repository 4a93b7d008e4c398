package org.vapr.analysis.stats;

/**
 * Response lengths.
 *
 * @param chosenTokens      tokens of chosen responses
 * @param rejectedTokens    tokens of rejected responses
 * @param chosenWordsMean   mean word tokens of chosen responses
 * @param rejectedWordsMean mean word tokens of rejected responses
 */
public record Lengths(Summary chosenTokens, Summary rejectedTokens, double chosenWordsMean, double rejectedWordsMean) {
}
