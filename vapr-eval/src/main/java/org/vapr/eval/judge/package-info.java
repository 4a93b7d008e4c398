/**
 * LLM-judge benchmarks (LLaVA-Bench in-the-wild, MM-Vet, ConTextual): the judges' prompts, parsers of their
 * replies, summaries of judged items and a {@link org.vapr.eval.judge.JudgeRunner} that asks an
 * {@link org.vapr.llm.ChatCaller}; {@link org.vapr.eval.judge.JudgeRun} scores a predictions file end to end
 * (reviews, scores with bootstrap intervals, manifest).
 */
package org.vapr.eval.judge;
