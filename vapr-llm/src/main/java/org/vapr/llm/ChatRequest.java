package org.vapr.llm;

import java.util.List;

/**
 * One chat completion request.
 *
 * @param messages    the conversation
 * @param schema      the JSON schema of the answer, or {@code null} for free text
 * @param temperature overrides the settings' temperature, or {@code null}
 * @param maxTokens   overrides the settings' completion token limit, or {@code null}
 */
public record ChatRequest(List<ChatMessage> messages, ResponseSchema schema, Double temperature, Integer maxTokens) {

    /** Tokens assumed per image when estimating (OpenAI's cost of a 512×512 high-detail image). */
    static final int IMAGE_TOKENS = 765;

    public ChatRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one message");
        }
    }

    /** A request of these messages with no schema and the settings' sampling. */
    public static ChatRequest of(ChatMessage... messages) {
        return new ChatRequest(List.of(messages), null, null, null);
    }

    /** A copy that asks for this schema. */
    public ChatRequest withSchema(ResponseSchema newSchema) {
        return new ChatRequest(messages, newSchema, temperature, maxTokens);
    }

    /** A copy with this temperature. */
    public ChatRequest withTemperature(Double newTemperature) {
        return new ChatRequest(messages, schema, newTemperature, maxTokens);
    }

    /**
     * A cheap upper-ish estimate of the prompt tokens, for the tokens-per-minute limiter: a token per four
     * characters of text, {@value #IMAGE_TOKENS} per image, four per message.
     */
    public int estimatedPromptTokens() {
        long chars = 0;
        long tokens = 0;
        for (ChatMessage m : messages) {
            tokens += 4;
            for (ContentPart p : m.parts()) {
                switch (p) {
                    case ContentPart.Text t -> chars += t.text().length();
                    case ContentPart.Image i -> tokens += IMAGE_TOKENS;
                }
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, tokens + (chars + 3) / 4);
    }
}
