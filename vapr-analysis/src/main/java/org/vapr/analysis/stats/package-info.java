/**
 * The bias statistics of REFERENCE.md: word-level Levenshtein distance, token-length delta (split at 100 tokens of
 * the chosen response), exact and near duplicates, response lengths, per category.
 */
package org.vapr.analysis.stats;
