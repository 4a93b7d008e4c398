package org.vapr.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vapr.core.record.Span;
import org.vapr.llm.ChatCaller;
import org.vapr.llm.ChatMessage;
import org.vapr.llm.ChatRequest;
import org.vapr.llm.ChatResult;
import org.vapr.pipeline.edit.EditProposal;
import org.vapr.pipeline.edit.EditRequest;
import org.vapr.pipeline.edit.Editor;
import org.vapr.pipeline.edit.JournaledEditor;

/**
 * A minimal chat editor for tests and the benchmark: one request per attempt, keyed
 * {@code edit/<source id>#<turn>/attempt-N} (the key is also in the prompt, so the loopback server's request
 * log tells which call it got), answered by {@code PlausibleEditResponder}.
 */
public record LoopbackEditor(ChatCaller caller, int attempts) implements JournaledEditor {

    /** An editor with three attempts per pair. */
    public LoopbackEditor(ChatCaller caller) {
        this(caller, 3);
    }

    @Override
    public int maxAttempts() {
        return attempts;
    }

    @Override
    public String name() {
        return "loopback";
    }

    @Override
    public String model() {
        return "loopback-edit";
    }

    @Override
    public Editor withCaller(ChatCaller journaled) {
        return new LoopbackEditor(journaled, attempts);
    }

    @Override
    public Map<String, String> fingerprint() {
        return Map.of("model", model(), "prompt", "loopback-v1", "attempts", Integer.toString(attempts));
    }

    /** The key of one attempt. */
    static String key(EditRequest r) {
        return "edit/" + r.sourceId() + "#" + r.turn() + "/attempt-" + r.attempt();
    }

    @Override
    public EditProposal propose(EditRequest r) {
        String key = key(r);
        ChatRequest req = ChatRequest.of(ChatMessage.system("You write rejected answers."),
                ChatMessage.user("Key: " + key + "\nCategory: " + r.category().id() + "\nQuestion: " + r.prompt()
                        + "\nAvoid: " + String.join(", ", r.avoid())
                        + (r.feedback() == null ? "" : "\nFeedback: " + r.feedback())
                        + "\nChosen answer: " + r.chosen()));
        ChatResult res = caller.call(key, req);
        EditProposal.Usage usage = new EditProposal.Usage(1, res.usage().promptTokens(), res.usage().completionTokens());
        JsonNode json = res.json();
        if (json == null || !json.path("rejected").isTextual()) {
            return EditProposal.failed("no rejected answer in the response").withUsage(usage);
        }
        String rejected = json.path("rejected").asText();
        List<Span> spans = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (JsonNode s : json.path("spans")) {
            int from = s.path("from").asInt();
            int to = s.path("to").asInt();
            if (from < 0 || to < from || to > rejected.length()) {
                return EditProposal.failed("span out of range").withUsage(usage);
            }
            spans.add(new Span(from, to));
            values.add(rejected.substring(from, to).toLowerCase(Locale.ROOT));
        }
        return EditProposal.of(rejected, spans, values).withUsage(usage);
    }
}
