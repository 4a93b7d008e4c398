/**
 * Evaluation of vision-language models on published benchmarks: {@link org.vapr.eval.Benchmark} names them,
 * {@link org.vapr.eval.BenchmarkScoring} scores a predictions file against a benchmark's official files.
 * Readers live in {@code data}, answer parsers in {@code parse}, metrics and the bootstrap in {@code score},
 * LLM-judge prompts and reply parsers in {@code judge}, model backends (in-process, OpenAI-compatible endpoint) in
 * {@code backend}, and {@code vapr eval run} (ask, write answers, score, record) in {@code run}.
 * {@link org.vapr.eval.ScalingCurves} reads one score of several runs' {@code scores.json} files against their
 * training-set sizes (the data of {@code vapr eval scaling}).
 */
package org.vapr.eval;
