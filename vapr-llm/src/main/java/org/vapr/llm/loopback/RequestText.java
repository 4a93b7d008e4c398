package org.vapr.llm.loopback;

import com.fasterxml.jackson.databind.JsonNode;

/** The text of a chat completions request body's messages (string contents and text parts). */
final class RequestText {
    private RequestText() {
    }

    /** All message texts, joined by newlines. */
    static String allText(JsonNode request) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode m : request.path("messages")) {
            sb.append(text(m)).append('\n');
        }
        return sb.toString();
    }

    /** The text of the last message with this role, or {@code ""}. */
    static String lastOf(JsonNode request, String role) {
        String found = "";
        for (JsonNode m : request.path("messages")) {
            if (role.equals(m.path("role").asText())) {
                found = text(m);
            }
        }
        return found;
    }

    /** One message's text: a string content, or the text parts of a content array. */
    static String text(JsonNode message) {
        JsonNode c = message.path("content");
        if (c.isTextual()) {
            return c.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : c) {
            if ("text".equals(part.path("type").asText())) {
                if (!sb.isEmpty()) {
                    sb.append('\n');
                }
                sb.append(part.path("text").asText());
            }
        }
        return sb.toString();
    }
}
