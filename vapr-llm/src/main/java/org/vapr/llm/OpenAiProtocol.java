package org.vapr.llm;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.vapr.core.io.Json;

/** The OpenAI chat completions wire format: request bodies out, answers and error messages in. */
final class OpenAiProtocol {
    private static final int MAX_MESSAGE = 300;

    private OpenAiProtocol() {
    }

    /**
     * The request body: model, messages, sampling, {@code response_format}, then the extra body merged over it
     * (an extra parameter named like one of the client's replaces it in place; the others follow). Written
     * with a streaming generator: the same bytes as building a tree and serializing it, at a fraction of the
     * work per request.
     */
    static byte[] requestBody(ChatSettings settings, ChatRequest request) {
        Map<String, Object> extra = settings.extraBody();
        ByteArrayBuilder out = new ByteArrayBuilder(1024);
        // the mapper's generator: its codec and its write features (as writeValueAsBytes would set them)
        try (JsonGenerator g = Json.mapper().createGenerator(out)) {
            g.writeStartObject();
            if (!writeExtra(g, extra, "model")) {
                g.writeStringField("model", settings.model());
            }
            if (!writeExtra(g, extra, "messages")) {
                writeMessages(g, request);
            }
            Double temperature = request.temperature() != null ? request.temperature() : settings.temperature();
            if (temperature != null && !writeExtra(g, extra, "temperature")) {
                g.writeNumberField("temperature", temperature);
            }
            Integer maxTokens = request.maxTokens() != null ? request.maxTokens() : settings.maxTokens();
            if (maxTokens != null && !writeExtra(g, extra, "max_tokens")) {
                g.writeNumberField("max_tokens", maxTokens);
            }
            if (request.schema() != null && !writeExtra(g, extra, "response_format")) {
                g.writeObjectFieldStart("response_format");
                g.writeStringField("type", "json_schema");
                g.writeObjectFieldStart("json_schema");
                g.writeStringField("name", request.schema().name());
                g.writeFieldName("schema");
                g.writeTree(request.schema().schema());
                g.writeBooleanField("strict", true);
                g.writeEndObject();
                g.writeEndObject();
            }
            for (Map.Entry<String, Object> e : extra.entrySet()) {
                String name = e.getKey();
                boolean own = name.equals("model") || name.equals("messages")
                        || name.equals("temperature") && temperature != null
                        || name.equals("max_tokens") && maxTokens != null
                        || name.equals("response_format") && request.schema() != null;
                if (!own) {
                    writeExtra(g, extra, name);
                }
            }
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
        return out.toByteArray();
    }

    private static void writeMessages(JsonGenerator g, ChatRequest request) throws java.io.IOException {
        g.writeArrayFieldStart("messages");
        for (ChatMessage m : request.messages()) {
            g.writeStartObject();
            g.writeStringField("role", m.role());
            List<ContentPart> parts = m.parts();
            if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text only) {
                g.writeStringField("content", only.text());
            } else if (m.textOnly()) {
                StringBuilder text = new StringBuilder();
                for (ContentPart p : parts) {
                    text.append(((ContentPart.Text) p).text());
                }
                g.writeStringField("content", text.toString());
            } else {
                g.writeArrayFieldStart("content");
                for (ContentPart p : parts) {
                    g.writeStartObject();
                    if (p instanceof ContentPart.Text t) {
                        g.writeStringField("type", "text");
                        g.writeStringField("text", t.text());
                    } else if (p instanceof ContentPart.Image i) {
                        g.writeStringField("type", "image_url");
                        g.writeObjectFieldStart("image_url");
                        g.writeStringField("url", i.url());
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Writes the extra body's {@code name} (as the mapper would write its tree) if it has one. */
    private static boolean writeExtra(JsonGenerator g, Map<String, Object> extra, String name)
            throws java.io.IOException {
        if (extra.isEmpty() || !extra.containsKey(name)) {
            return false;
        }
        g.writeFieldName(name);
        JsonNode tree = Json.mapper().valueToTree(extra.get(name));
        if (tree == null) {
            g.writeNull();
        } else {
            g.writeTree(tree);
        }
        return true;
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
