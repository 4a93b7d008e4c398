/**
 * Readers of the benchmarks' official files (POPE, NaturalBench, SEED-Bench, CV-Bench, MMStar, MMMU, MathVista)
 * into {@link org.vapr.eval.data.EvalItem}s, and of predictions in LLaVA's answer-file format; the LLM-judge
 * benchmarks' files (LLaVA-Bench in-the-wild, MM-Vet, ConTextual's CSV) and their predictions
 * ({@link org.vapr.eval.data.PredictionTexts}).
 */
package org.vapr.eval.data;
