/**
 * The LLM hard-negative editor: editable prompts ({@link org.vapr.pipeline.edit.llm.PromptSet}), what the editor
 * knows about an image ({@link org.vapr.pipeline.edit.llm.VisualContext}), the editor itself
 * ({@link org.vapr.pipeline.edit.llm.LlmEditor}, with a rule fallback), LLM answer extension
 * ({@link org.vapr.pipeline.edit.llm.LlmExtender}), and cost: an editable price table and the dry-run estimate.
 * It talks to any OpenAI-compatible server through {@link org.vapr.llm.ChatCaller}, so tests script answers
 * and a journaling wrapper can replay them.
 */
package org.vapr.pipeline.edit.llm;
