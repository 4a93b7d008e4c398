/**
 * An OpenAI-compatible chat client ({@code /v1/chat/completions}) for the editor LLM: OpenAI, vLLM and
 * Ollama. {@link org.vapr.llm.ChatClient} sends {@link org.vapr.llm.ChatRequest}s (text and image parts,
 * an optional JSON schema) over the JDK {@code HttpClient} forced to HTTP/1.1, retries transient failures
 * with Failsafe (exponential backoff with jitter, {@code Retry-After} honoured), limits requests and tokens
 * per minute and requests in flight, and fails fast with one clear line ({@link org.vapr.llm.LlmException})
 * on errors no retry can fix. The API key is never logged nor printed.
 */
package org.vapr.llm;
