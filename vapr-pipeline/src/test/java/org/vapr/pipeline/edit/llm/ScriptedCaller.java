package org.vapr.pipeline.edit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.vapr.core.io.Json;
import org.vapr.llm.ChatCaller;
import org.vapr.llm.ChatMessage;
import org.vapr.llm.ChatRequest;
import org.vapr.llm.ChatResult;
import org.vapr.llm.ContentPart;

/** A {@link ChatCaller} answering from a script and recording keys and requests. */
final class ScriptedCaller implements ChatCaller {
    final List<String> keys = new ArrayList<>();
    final List<ChatRequest> requests = new ArrayList<>();
    private final Function<ChatRequest, ChatResult> script;

    ScriptedCaller(Function<ChatRequest, ChatResult> script) {
        this.script = script;
    }

    static ScriptedCaller answering(String content) {
        return new ScriptedCaller(r -> content(content));
    }

    @Override
    public ChatResult call(String key, ChatRequest request) {
        keys.add(key);
        requests.add(request);
        return script.apply(request);
    }

    /** A result as the client makes it: JSON when the content parses, usage 100 + 20. */
    static ChatResult content(String content) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(content);
        } catch (IOException e) {
            json = null;
        }
        return new ChatResult(content, json, null, "stop", new ChatResult.Usage(100, 20), 1, Duration.ZERO);
    }

    static ChatResult refusal(String text) {
        return new ChatResult("", null, text, "stop", new ChatResult.Usage(90, 5), 1, Duration.ZERO);
    }

    /** All text of the last request. */
    String lastText() {
        StringBuilder b = new StringBuilder();
        for (ChatMessage m : requests.get(requests.size() - 1).messages()) {
            for (ContentPart p : m.parts()) {
                if (p instanceof ContentPart.Text t) {
                    b.append(t.text()).append('\n');
                }
            }
        }
        return b.toString();
    }
}
