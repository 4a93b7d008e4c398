/**
 * Word tokens and word-level edit distance, the units of the paper's style-gap statistics, and the
 * {@link org.vapr.core.text.TokenCounter} contract of the token-length statistics.
 */
package org.vapr.core.text;
