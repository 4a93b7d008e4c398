package org.vapr.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vapr.core.io.Json;

/**
 * Finds the JSON object in a model's answer, for servers that ignore {@code response_format} or models that
 * wrap the object in prose or a Markdown fence. In order: the whole (trimmed) text; each {@code ```json}
 * (or bare {@code ```}) fence; the first balanced {@code {…}} that parses, scanning left to right with
 * string literals and escapes respected.
 */
public final class JsonExtractor {
    private static final Pattern FENCE = Pattern.compile("```(?:json|JSON)?\\s*\\n?(.*?)```", Pattern.DOTALL);

    private JsonExtractor() {
    }

    /** The first JSON object in {@code text}, or {@code null} when there is none. */
    public static JsonNode firstObject(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonNode whole = parseObject(text.strip());
        if (whole != null) {
            return whole;
        }
        Matcher m = FENCE.matcher(text);
        while (m.find()) {
            JsonNode fenced = parseObject(m.group(1).strip());
            if (fenced != null) {
                return fenced;
            }
        }
        for (int start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
            int end = balancedEnd(text, start);
            if (end > start) {
                JsonNode node = parseObject(text.substring(start, end + 1));
                if (node != null) {
                    return node;
                }
            }
        }
        return null;
    }

    private static JsonNode parseObject(String candidate) {
        if (!candidate.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(candidate);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The index of the brace closing the one at {@code start}, or -1. */
    private static int balancedEnd(String text, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
