package org.vapr.llm.loopback;

import com.fasterxml.jackson.databind.JsonNode;

/** Decides the assistant's answer to one chat completions request of a {@link LoopbackChatServer}. */
@FunctionalInterface
public interface ChatResponder {

    /**
     * The assistant message content for this request.
     *
     * @param request the request body as sent by the client ({@code model}, {@code messages}, …)
     */
    String content(JsonNode request);

    /** Always answers {@code content}. */
    static ChatResponder constant(String content) {
        return request -> content;
    }
}
