/**
 * LLM-judge benchmarks (LLaVA-Bench in-the-wild, MM-Vet, ConTextual): the judges' prompts, parsers of their
 * replies, summaries of judged items and a {@link org.vapr.eval.judge.JudgeRunner} that asks an
 * {@link org.vapr.llm.ChatCaller}.
 */
package org.vapr.eval.judge;
