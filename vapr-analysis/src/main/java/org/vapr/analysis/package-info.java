/**
 * Bias analysis of preference datasets (paper §2.2, §3.4, §6.4): how far rejected answers differ from chosen ones
 * in wording (word-level Levenshtein) and length (token-length delta), and how many pairs are duplicates.
 * {@link org.vapr.analysis.BiasAnalysis} is the entry point; readers live in {@code read}, statistics in
 * {@code stats}, renderers in {@code report}.
 */
package org.vapr.analysis;
