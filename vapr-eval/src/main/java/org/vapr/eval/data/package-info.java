/**
 * Readers of the benchmarks' official files (POPE, NaturalBench, SEED-Bench, CV-Bench, MMStar, MMMU, MathVista)
 * into {@link org.vapr.eval.data.EvalItem}s, and of predictions in LLaVA's answer-file format.
 */
package org.vapr.eval.data;
