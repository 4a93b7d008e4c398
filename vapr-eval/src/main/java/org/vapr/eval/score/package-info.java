/** Per-item outcomes, the benchmarks' aggregate scores, bootstrap confidence intervals and paired comparisons. */
package org.vapr.eval.score;
