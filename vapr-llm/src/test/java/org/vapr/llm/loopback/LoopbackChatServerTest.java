package org.vapr.llm.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vapr.core.io.Json;
import org.vapr.llm.ChatClient;
import org.vapr.llm.ChatMessage;
import org.vapr.llm.ChatRequest;
import org.vapr.llm.ChatResult;
import org.vapr.llm.ChatSettings;
import org.vapr.llm.LlmException;
import org.vapr.llm.Resilience;

class LoopbackChatServerTest {
    private final LoopbackChatServer server;

    LoopbackChatServerTest() throws Exception {
        server = LoopbackChatServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ChatClient client(int attempts) {
        ChatSettings s = new ChatSettings(server.baseUrl(), "gpt-4o", () -> "sk-test-key", Duration.ofSeconds(2),
                Map.of(), null, null);
        return new ChatClient(s, Resilience.defaults().withMaxAttempts(attempts).withDelayScale(0));
    }

    private static ChatRequest question(String chosen) {
        return ChatRequest.of(ChatMessage.system("You edit answers."),
                ChatMessage.user("Question: How many dogs?\nChosen answer: There are three dogs on the grass."));
    }

    @Test
    void editModeAnswersAPlausibleEditWithUsageAndRecordsTheKey() throws Exception {
        server.respondWith(new PlausibleEditResponder());
        try (ChatClient c = client(1)) {
            ChatResult r = c.call("edit/a#0", question("x"));
            assertThat(r.json().path("rejected").asText()).isEqualTo("There are five dogs on the grass.");
            JsonNode span = r.json().path("spans").get(0);
            assertThat("There are five dogs on the grass.".substring(span.path("from").asInt(), span.path("to").asInt()))
                    .isEqualTo("five");
            assertThat(r.usage().promptTokens()).isPositive();
            assertThat(r.usage().completionTokens()).isPositive();
        }
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(server.received().get(0).authorization()).isEqualTo("Bearer sk-test-key");
    }

    @Test
    void chosenAnswerFoundOnTheLineAfterAnEmptyMarker() {
        assertThat(PlausibleEditResponder.chosenAnswer("Q: what?\nAnswer:\n\n  \"The cat is black.\"\nMore"))
                .isEqualTo("The cat is black.");
        assertThat(PlausibleEditResponder.edit("The cat is black.").rejected()).isEqualTo("The cat is white.");
        assertThat(PlausibleEditResponder.edit("A wooden bench").rejected()).doesNotContain("bench");
        assertThat(PlausibleEditResponder.sentence("Examples ...\nQuestion: Is the star to the left of the square? Answer: No",
                "No")).isEqualTo("No, the star is not to the left of the square.");
        assertThat(PlausibleEditResponder.sentence("Question: Is there a red circle? Answer: Yes", "Yes"))
                .isEqualTo("Yes, there is a red circle.");
        assertThat(PlausibleEditResponder.chosenAnswer("Question: Is there a dog?  Answer: Yes")).isEqualTo("Yes");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"RATE_LIMITED", "SERVER_ERROR", "UNAVAILABLE", "STALL",
            "CONNECTION_RESET", "INVALID_JSON", "EMPTY_CHOICES"})
    void retryableFaultsAreRetriedAndTheSecondAttemptSucceeds(Fault fault) {
        server.respondWith(ChatResponder.constant("{\"rejected\":\"x\",\"spans\":[]}")).retryAfterSeconds(0)
                .stallFor(Duration.ofSeconds(4)).enqueue(fault);
        try (ChatClient c = client(3)) {
            ChatResult r = c.call("k", question("x"));
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.json().path("rejected").asText()).isEqualTo("x");
        }
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(server.received().get(0).fault()).isEqualTo(fault);
    }

    @Test
    void unauthorizedIsFatalAtOnce() {
        server.enqueue(Fault.UNAUTHORIZED);
        try (ChatClient c = client(5)) {
            assertThatThrownBy(() -> c.call("k", question("x"))).isInstanceOf(LlmException.class)
                    .hasMessageContaining("401");
        }
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void refusalAndSchemaViolationReachTheCaller() {
        server.enqueue(Fault.REFUSAL, Fault.SCHEMA_VIOLATION);
        try (ChatClient c = client(1)) {
            assertThat(c.call("a", question("x")).refusal()).contains("can't help");
            assertThat(c.call("b", question("x")).json().has("rejected")).isFalse();
        }
    }

    @Test
    void requestsBeyondTheRpmCapGet429WithRetryAfter() throws Exception {
        server.rpmCap(2);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body = Json.mapper().writeValueAsString(Map.of("model", "m", "messages",
                java.util.List.of(Map.of("role", "user", "content", "hi"))));
        int[] codes = new int[3];
        String retryAfter = null;
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            codes[i] = resp.statusCode();
            retryAfter = resp.headers().firstValue("Retry-After").orElse(retryAfter);
        }
        assertThat(codes).containsExactly(200, 200, 429);
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
        assertThat(server.cappedCount()).isEqualTo(1);
    }
}
