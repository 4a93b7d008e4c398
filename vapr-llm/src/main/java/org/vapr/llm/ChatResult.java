package org.vapr.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * The answer to a {@link ChatRequest}.
 *
 * @param content      the assistant's text ({@code ""} when the server sent none)
 * @param json         the JSON object in the answer: the whole content when it parses, otherwise the first
 *                     balanced object found in it (also inside a {@code ```json} fence); {@code null} when
 *                     there is none. It is not validated against the schema: that is the caller's job
 * @param refusal      the model's refusal ({@code message.refusal}), or {@code null}
 * @param finishReason {@code stop}, {@code length}, … or {@code null} when the server sent none
 * @param usage        the tokens the server counted (zeros when it sent no usage)
 * @param attempts     the HTTP attempts made, 1 when the first succeeded
 * @param latency      the wall time from the first attempt to the answer, retries and waits included
 */
public record ChatResult(String content, JsonNode json, String refusal, String finishReason, Usage usage,
                         int attempts, Duration latency) {

    /**
     * Token usage of one request.
     *
     * @param promptTokens     {@code usage.prompt_tokens}
     * @param completionTokens {@code usage.completion_tokens}
     */
    public record Usage(long promptTokens, long completionTokens) {
        /** No usage reported. */
        public static final Usage NONE = new Usage(0, 0);

        /** Prompt plus completion tokens. */
        public long total() {
            return promptTokens + completionTokens;
        }
    }
}
