package org.vapr.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vapr.core.io.Digests;
import org.vapr.llm.ChatMessage;
import org.vapr.llm.ChatRequest;
import org.vapr.llm.ContentPart;
import org.vapr.llm.ResponseSchema;
import org.vapr.core.io.Json;

class JournaledChatCallerTest {

    /** The hash journals were written with: SHA-256 of the joined text (resumed runs must still match it). */
    private static String joinedHash(ChatRequest request) {
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : request.messages()) {
            sb.append('\u0001').append(m.role());
            for (ContentPart p : m.parts()) {
                switch (p) {
                    case ContentPart.Text t -> sb.append('\u0002').append(t.text());
                    case ContentPart.Image i -> sb.append('\u0003').append(i.url());
                }
            }
        }
        sb.append('\u0004');
        if (request.schema() != null) {
            sb.append(request.schema().name()).append('\u0005').append(request.schema().schema());
        }
        sb.append('\u0004').append(request.temperature()).append('\u0004').append(request.maxTokens());
        return Digests.sha256(sb.toString());
    }

    @Test
    void theRequestHashIsTheHashOfTheJoinedRequestText() {
        ObjectNode schema = Json.mapper().createObjectNode().put("type", "object");
        ChatRequest plain = ChatRequest.of(ChatMessage.system("sys é 😀"), ChatMessage.user("q\nline"));
        ChatRequest rich = new ChatRequest(List.of(ChatMessage.user(new ContentPart.Text("look"),
                new ContentPart.Image("data:image/png;base64,AAA"), new ContentPart.Text("lone \uD83D end"))),
                new ResponseSchema("edit_v1", schema), 0.5, 200);
        for (ChatRequest r : List.of(plain, rich, plain.withTemperature(0.0), rich.withSchema(null))) {
            assertThat(JournaledChatCaller.requestHash(r)).isEqualTo(joinedHash(r));
        }
        assertThat(JournaledChatCaller.requestHash(plain)).isNotEqualTo(JournaledChatCaller.requestHash(rich));
    }
}
