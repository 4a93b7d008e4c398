/** Word tokens and word-level edit distance, the units of the paper's style-gap statistics. */
package org.vapr.core.text;
