/**
 * {@code vapr eval run}: asks a {@link org.vapr.eval.backend.ModelBackend} every question of a benchmark, writes the
 * answers in LLaVA's answer-file format, scores them and records the run ({@link org.vapr.eval.run.BenchmarkRun}).
 */
package org.vapr.eval.run;
