/**
 * Model backends for {@code vapr eval run}: something that answers (image, prompt) items in order. In-process over a
 * {@link org.vapr.train.model.WorldVlm} model directory, or an OpenAI-compatible vision endpoint (vLLM serving
 * LLaVA-1.5, Qwen2-VL, …).
 */
package org.vapr.eval.backend;
