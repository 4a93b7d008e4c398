package org.vapr.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vapr.core.io.Json;

class OpenAiProtocolTest {

    /** The body as a tree built field by field and serialized by the mapper: what the streamed body must equal. */
    private static byte[] treeBody(ChatSettings settings, ChatRequest request) throws Exception {
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
            ObjectNode js = root.putObject("response_format").put("type", "json_schema").putObject("json_schema");
            js.put("name", request.schema().name());
            js.set("schema", request.schema().schema());
            js.put("strict", true);
        }
        for (Map.Entry<String, Object> e : settings.extraBody().entrySet()) {
            root.set(e.getKey(), Json.mapper().valueToTree(e.getValue()));
        }
        return Json.mapper().writeValueAsBytes(root);
    }

    private static ChatSettings settings(Map<String, Object> extra, Double temperature, Integer maxTokens) {
        return new ChatSettings(URI.create("http://127.0.0.1:1/v1"), "m-1", () -> null, Duration.ofSeconds(5),
                extra, temperature, maxTokens);
    }

    @Test
    void theStreamedBodyHasTheBytesOfTheSerializedTree() throws Exception {
        ObjectNode schema = Json.mapper().createObjectNode().put("type", "object");
        schema.putObject("properties").putObject("rejected").put("type", "string");
        ChatRequest plain = ChatRequest.of(ChatMessage.system("Be terse. \"quoted\" \\ and 😀 and é"),
                ChatMessage.user("Q: two\nparts"));
        ChatRequest rich = new ChatRequest(List.of(ChatMessage.system("s"),
                ChatMessage.user(new ContentPart.Text("look: "), ContentPart.Image.png(new byte[] {1, 2, 3}),
                        new ContentPart.Text(" done")),
                new ChatMessage("user", List.of(new ContentPart.Text("a"), new ContentPart.Text("b"))),
                ChatMessage.assistant("{\"rejected\": \"x\"}")),
                new ResponseSchema("edit_v1", schema), 0.25, 300);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("chat_template_kwargs", Map.of("enable_thinking", false, "b", List.of(1, 2)));
        extra.put("temperature", 0.9);
        extra.put("seed", 7);
        extra.put("model", "override");
        extra.put("stop", null);
        Map<String, Object> maxTokensOnly = Map.of("max_tokens", 12);
        for (ChatSettings s : List.of(settings(Map.of(), null, null), settings(Map.of(), 0.0, 64),
                settings(extra, null, null), settings(extra, 1.5, 10), settings(maxTokensOnly, null, null))) {
            for (ChatRequest r : List.of(plain, rich, plain.withTemperature(0.1), rich.withSchema(null))) {
                assertThat(new String(OpenAiProtocol.requestBody(s, r), StandardCharsets.UTF_8))
                        .as("%s / %s", s, r)
                        .isEqualTo(new String(treeBody(s, r), StandardCharsets.UTF_8));
            }
        }
    }
}
