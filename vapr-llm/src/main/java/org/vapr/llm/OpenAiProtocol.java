package org.vapr.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import org.vapr.core.io.Json;

/** The OpenAI chat completions wire format: request bodies out, answers and error messages in. */
final class OpenAiProtocol {
    private static final int MAX_MESSAGE = 300;

    private OpenAiProtocol() {
    }

    /** The request body: model, messages, sampling, {@code response_format}, then the extra body merged over it. */
    static byte[] requestBody(ChatSettings settings, ChatRequest request) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("model", settings.model());
        ArrayNode messages = root.putArray("messages");
        for (ChatMessage m : request.messages()) {
            ObjectNode msg = messages.addObject();
            msg.put("role", m.role());
            if (m.textOnly()) {
                StringBuilder text = new StringBuilder();
                m.parts().forEach(p -> text.append(((ContentPart.Text) p).text()));
                msg.put("content", text.toString());
            } else {
                ArrayNode parts = msg.putArray("content");
                for (ContentPart p : m.parts()) {
                    switch (p) {
                        case ContentPart.Text t -> parts.addObject().put("type", "text").put("text", t.text());
                        case ContentPart.Image i -> parts.addObject().put("type", "image_url")
                                .putObject("image_url").put("url", i.url());
                    }
                }
            }
        }
        Double temperature = request.temperature() != null ? request.temperature() : settings.temperature();
        if (temperature != null) {
            root.put("temperature", temperature);
        }
        Integer maxTokens = request.maxTokens() != null ? request.maxTokens() : settings.maxTokens();
        if (maxTokens != null) {
            root.put("max_tokens", maxTokens);
        }
        if (request.schema() != null) {
            ObjectNode format = root.putObject("response_format");
            format.put("type", "json_schema");
            ObjectNode js = format.putObject("json_schema");
            js.put("name", request.schema().name());
            js.set("schema", request.schema().schema());
            js.put("strict", true);
        }
        for (Map.Entry<String, Object> e : settings.extraBody().entrySet()) {
            root.set(e.getKey(), Json.mapper().valueToTree(e.getValue()));
        }
        try {
            return Json.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }

    /**
     * Reads a 2xx answer. Throws {@link RetryableFailure} when the body is not JSON or has no choices: both are
     * what overloaded proxies and servers send transiently, so they are retried like a 5xx.
     */
    static ChatResult parseAnswer(byte[] body, int attempts, Duration latency) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new RetryableFailure("invalid JSON in the response body", 200, null, null);
        }
        if (root == null || !root.isObject()) {
            throw new RetryableFailure("the response body is not a JSON object", 200, null, null);
        }
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw new RetryableFailure("the response has no choices", 200, null, null);
        }
        JsonNode choice = choices.get(0);
        JsonNode message = choice.path("message");
        String content = contentText(message.path("content"));
        String refusal = message.path("refusal").isTextual() ? message.path("refusal").asText() : null;
        String finish = choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : null;
        JsonNode usage = root.path("usage");
        ChatResult.Usage u = usage.isObject()
                ? new ChatResult.Usage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0))
                : ChatResult.Usage.NONE;
        return new ChatResult(content, JsonExtractor.firstObject(content), refusal, finish, u, attempts, latency);
    }

    private static String contentText(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            content.forEach(part -> sb.append(part.path("text").asText("")));
            return sb.toString();
        }
        return "";
    }

    /**
     * The server's error message, one line: {@code error.message} (OpenAI), {@code message} (vLLM),
     * {@code detail} or {@code error} as text (others), else the start of the body; the key is redacted.
     */
    static String errorMessage(byte[] body, String apiKey) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        String message = null;
        try {
            JsonNode root = Json.mapper().readTree(text);
            if (root != null && root.isObject()) {
                JsonNode error = root.path("error");
                if (error.path("message").isTextual()) {
                    message = error.path("message").asText();
                } else if (error.isTextual()) {
                    message = error.asText();
                } else if (root.path("message").isTextual()) {
                    message = root.path("message").asText();
                } else if (!root.path("detail").isMissingNode()) {
                    JsonNode detail = root.path("detail");
                    message = detail.isTextual() ? detail.asText() : detail.toString();
                }
            }
        } catch (java.io.IOException notJson) {
            // fall through to the raw text
        }
        return oneLine(message != null ? message : text, apiKey);
    }

    /** Collapses whitespace, truncates, and replaces every occurrence of the key by {@code ***}. */
    static String oneLine(String text, String apiKey) {
        String s = text == null ? "" : text;
        if (apiKey != null && !apiKey.isEmpty()) {
            s = s.replace(apiKey, "***");
        }
        s = s.replaceAll("\\s+", " ").strip();
        if (s.length() > MAX_MESSAGE) {
            s = s.substring(0, MAX_MESSAGE) + "…";
        }
        return s.isEmpty() ? "(no message)" : s;
    }
}
