package org.vapr.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vapr.llm.FakeOpenAiServer.after;
import static org.vapr.llm.FakeOpenAiServer.ok;
import static org.vapr.llm.FakeOpenAiServer.raw;
import static org.vapr.llm.FakeOpenAiServer.reset;
import static org.vapr.llm.FakeOpenAiServer.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vapr.core.io.Json;

class ChatClientTest {
    private static final String KEY = "sk-canary-7f3e9d1c0b5a";
    private static final ResponseSchema SCHEMA = new ResponseSchema("edit",
            Json.mapper().createObjectNode().put("type", "object"));

    private FakeOpenAiServer server;
    private final List<String> retries = Collections.synchronizedList(new ArrayList<>());
    private final List<Duration> delays = Collections.synchronizedList(new ArrayList<>());
    private final ChatEvents recorder = (attempt, reason, delay) -> {
        retries.add(attempt + " " + reason);
        delays.add(delay);
    };

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ChatSettings settings() {
        return new ChatSettings(server.baseUrl(), "qwen3-32b", () -> KEY, Duration.ofSeconds(5), Map.of(), null, null);
    }

    /** Zero delay scale: no test ever sleeps for a backoff; the computed delays are recorded. */
    private ChatClient client(ChatSettings settings, Resilience resilience) {
        return new ChatClient(settings, resilience.withDelayScale(0), recorder, RandomGenerator.of("L64X128MixRandom"),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    private ChatClient client() {
        return client(settings(), Resilience.defaults());
    }

    private static ChatRequest ask() {
        return ChatRequest.of(ChatMessage.user("How many planes?"));
    }

    @Test
    void sendsTheOpenAiRequestOverHttp11AndReadsTheAnswer() throws Exception {
        server.then(ok("{\"rejected\":\"six planes\",\"spans\":[{\"from\":0,\"to\":3}]}"));
        ChatSettings s = settings()
                .withExtraBody(Map.of("chat_template_kwargs", Map.of("enable_thinking", false)))
                .withSampling(0.7, 256);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        ChatRequest request = new ChatRequest(List.of(ChatMessage.system("Edit minimally."),
                ChatMessage.user(new ContentPart.Text("Count them."), ContentPart.Image.png(png))), SCHEMA, null, null);
        ChatResult result;
        try (ChatClient c = client(s, Resilience.defaults())) {
            result = c.complete(request);
        }
        assertThat(result.content()).startsWith("{\"rejected\"");
        assertThat(result.json().path("rejected").asText()).isEqualTo("six planes");
        assertThat(result.finishReason()).isEqualTo("stop");
        assertThat(result.usage()).isEqualTo(new ChatResult.Usage(11, 7));
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.latency()).isPositive();

        FakeOpenAiServer.Received r = server.received().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/chat/completions");
        assertThat(r.protocol()).isEqualTo("HTTP/1.1");
        assertThat(r.headers().getFirst("Upgrade")).isNull();
        assertThat(r.headers().getFirst("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.headers().getFirst("Content-Type")).isEqualTo("application/json");
        JsonNode body = Json.mapper().readTree(r.body());
        assertThat(body.path("model").asText()).isEqualTo("qwen3-32b");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
        assertThat(body.path("chat_template_kwargs").path("enable_thinking").isBoolean()).isTrue();
        assertThat(body.path("chat_template_kwargs").path("enable_thinking").asBoolean()).isFalse();
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("edit");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(format.path("json_schema").path("schema")).isEqualTo(SCHEMA.schema());
        JsonNode messages = body.path("messages");
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asText()).isEqualTo("Edit minimally.");
        JsonNode parts = messages.get(1).path("content");
        assertThat(parts.get(0).path("type").asText()).isEqualTo("text");
        assertThat(parts.get(1).path("type").asText()).isEqualTo("image_url");
        assertThat(parts.get(1).path("image_url").path("url").asText())
                .isEqualTo("data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png));
    }

    @Test
    void noSchemaMeansNoResponseFormatAndRequestValuesOverrideSettings() throws Exception {
        server.then(ok("plain"));
        try (ChatClient c = client(settings().withSampling(0.2, 100), Resilience.defaults())) {
            ChatResult r = c.complete(ask().withTemperature(1.1));
            assertThat(r.json()).isNull();
        }
        JsonNode body = Json.mapper().readTree(server.received().get(0).body());
        assertThat(body.has("response_format")).isFalse();
        assertThat(body.path("temperature").asDouble()).isEqualTo(1.1);
        assertThat(body.path("messages").get(0).path("content").isTextual()).isTrue();
    }

    @Test
    void honoursRetryAfterOn429WithoutSleepingIt() {
        server.then(status(429, "{\"error\":{\"message\":\"Rate limit reached\"}}", "Retry-After", "2"), ok("fine"));
        long t0 = System.nanoTime();
        ChatResult r;
        try (ChatClient c = client()) {
            r = c.complete(ask());
        }
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.content()).isEqualTo("fine");
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(server.received()).hasSize(2);
        assertThat(delays).hasSize(1);
        assertThat(delays.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(retries.get(0)).isEqualTo("1 HTTP 429: Rate limit reached");
        assertThat(elapsedMs).as("the 2 s were computed, not slept").isLessThan(1500);
    }

    @Test
    void honoursAnHttpDateRetryAfterOn503() {
        // the client's clock is fixed at 2026-01-01T00:00:00Z
        server.then(status(503, "busy", "Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT"), ok("fine"));
        try (ChatClient c = client()) {
            assertThat(c.complete(ask()).attempts()).isEqualTo(2);
        }
        assertThat(delays).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void retries500Then503WithExponentialBackoff() {
        server.then(status(500, "{\"message\":\"boom\"}"), status(503, "{\"detail\":\"overloaded\"}"), ok("third time"));
        ChatResult r;
        try (ChatClient c = client()) {
            r = c.complete(ask());
        }
        assertThat(r.content()).isEqualTo("third time");
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(retries).containsExactly("1 HTTP 500: boom", "2 HTTP 503: overloaded");
        // equal jitter around 1 s then 2 s
        assertThat(delays.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(delays.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void retries408And409() {
        server.then(status(408, "slow"), status(409, "conflict"), ok("done"));
        try (ChatClient c = client()) {
            assertThat(c.complete(ask()).attempts()).isEqualTo(3);
        }
    }

    @Test
    void unauthorizedIsFatalAfterOneRequest() {
        server.then(status(401, "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\"}}"),
                ok("never"));
        try (ChatClient c = client()) {
            assertThatThrownBy(() -> c.complete(ask()))
                    .isInstanceOfSatisfying(LlmException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.fatal()).isTrue();
                        assertThat(e.getMessage()).startsWith("HTTP 401: Incorrect API key provided.").doesNotContain("\n");
                    });
        }
        assertThat(server.received()).hasSize(1);
        assertThat(retries).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 422})
    void clientErrorsAreFatal(int code) {
        server.then(status(code, "{\"object\":\"error\",\"message\":\"The model `x` does not exist.\"}"), ok("never"));
        try (ChatClient c = client()) {
            assertThatThrownBy(() -> c.complete(ask()))
                    .isInstanceOf(LlmException.class)
                    .hasMessageStartingWith("HTTP " + code + ": The model `x` does not exist.");
        }
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void aRequestTheServerHoldsTooLongTimesOutAndIsRetried() {
        server.then(after(3_000, ok("late")), ok("on time"));
        ChatResult r;
        try (ChatClient c = client(settings().withRequestTimeout(Duration.ofMillis(400)), Resilience.defaults())) {
            r = c.complete(ask());
        }
        assertThat(r.content()).isEqualTo("on time");
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(retries).containsExactly("1 no answer within 400 ms");
        // the deadline interrupts the waiting thread; that interrupt must not outlive the attempt
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aConnectionDroppedMidResponseIsRetried() {
        server.then(reset(), ok("again"));
        ChatResult r;
        try (ChatClient c = client()) {
            r = c.complete(ask());
        }
        assertThat(r.content()).isEqualTo("again");
        assertThat(retries).singleElement().asString().startsWith("1 connection error: ");
    }

    @Test
    void anInvalidJsonBodyIsRetried() {
        server.then(raw(200, "{\"choices\": [ {oops"), ok("valid"));
        try (ChatClient c = client()) {
            assertThat(c.complete(ask()).content()).isEqualTo("valid");
        }
        assertThat(retries).containsExactly("1 invalid JSON in the response body");
    }

    @Test
    void emptyChoicesAreRetriedThenReportedClearly() {
        String empty = "{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":0}}";
        server.then(raw(200, empty), ok("ok"));
        try (ChatClient c = client()) {
            assertThat(c.complete(ask()).attempts()).isEqualTo(2);
        }
        server.then(raw(200, empty), raw(200, empty), raw(200, empty));
        try (ChatClient c = client(settings(), Resilience.defaults().withMaxAttempts(3))) {
            assertThatThrownBy(() -> c.complete(ask()))
                    .isInstanceOfSatisfying(LlmException.class, e -> {
                        assertThat(e.fatal()).isFalse();
                        assertThat(e.getMessage()).startsWith("gave up after 3 attempt(s) to ")
                                .endsWith(": the response has no choices");
                    });
        }
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastError() {
        server.then(status(503, "a"), status(503, "b"), status(503, "c"), ok("too late"));
        try (ChatClient c = client(settings(), Resilience.defaults().withMaxAttempts(3))) {
            assertThatThrownBy(() -> c.complete(ask()))
                    .isInstanceOfSatisfying(LlmException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.getMessage()).endsWith("HTTP 503: c");
                    });
        }
        assertThat(server.received()).hasSize(3);
        assertThat(retries).hasSize(2);
    }

    @Test
    void proseWrappedAndFencedJsonIsExtracted() {
        server.then(ok("Sure! Here is the edit: {\"rejected\": \"far away from {the} car\"} Hope it helps."),
                ok("```json\n{\"rejected\": \"six planes\"}\n```"),
                ok("I'm sorry, I can't help with that."));
        try (ChatClient c = client()) {
            assertThat(c.complete(ask().withSchema(SCHEMA)).json().path("rejected").asText())
                    .isEqualTo("far away from {the} car");
            assertThat(c.complete(ask().withSchema(SCHEMA)).json().path("rejected").asText()).isEqualTo("six planes");
            ChatResult refusal = c.complete(ask().withSchema(SCHEMA));
            assertThat(refusal.json()).isNull();
            assertThat(refusal.content()).isEqualTo("I'm sorry, I can't help with that.");
        }
    }

    @Test
    void readsAStructuredRefusal() {
        server.then(raw(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null,"
                + "\"refusal\":\"I can't assist.\"},\"finish_reason\":\"stop\"}]}"));
        try (ChatClient c = client()) {
            ChatResult r = c.complete(ask().withSchema(SCHEMA));
            assertThat(r.refusal()).isEqualTo("I can't assist.");
            assertThat(r.content()).isEmpty();
            assertThat(r.json()).isNull();
            assertThat(r.usage()).isEqualTo(ChatResult.Usage.NONE);
        }
    }

    @Test
    void theBulkheadCapsRequestsInFlight() throws Exception {
        for (int i = 0; i < 6; i++) {
            server.then(after(300, ok("slow " + i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (ChatClient c = client(settings(), Resilience.defaults().withLimits(0, 0, 2))) {
            List<Future<ChatResult>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.submit(() -> c.complete(ask())));
            }
            for (Future<ChatResult> f : futures) {
                assertThat(f.get().content()).startsWith("slow ");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.maxInFlight()).isEqualTo(2);
        assertThat(server.received()).hasSize(6);
    }

    @Test
    void theRequestsPerMinuteLimiterSpacesRequests() {
        for (int i = 0; i < 5; i++) {
            server.then(ok("r"));
        }
        long t0 = System.nanoTime();
        try (ChatClient c = client(settings(), Resilience.defaults().withLimits(600, 0, 4))) {
            for (int i = 0; i < 5; i++) {
                c.complete(ask());
            }
        }
        // 600/min = two every ~200 ms: five requests need three bursts, at least two intervals
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(390);
    }

    @Test
    void theTokensPerMinuteLimiterChargesEstimatedTokens() {
        for (int i = 0; i < 3; i++) {
            server.then(ok("t"));
        }
        ChatRequest request = new ChatRequest(List.of(ChatMessage.user("x".repeat(400))), null, null, 100);
        assertThat(request.estimatedPromptTokens()).isEqualTo(104);
        long t0 = System.nanoTime();
        // 60,000 tokens/min = one token per ms; each request is charged 204 tokens
        try (ChatClient c = client(settings(), Resilience.defaults().withLimits(0, 60_000, 4))) {
            for (int i = 0; i < 3; i++) {
                c.complete(request);
            }
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(350);
    }

    @Test
    void theRequestsPerMinuteLimiterReleasesSmallBurstsJustUnderTheLimit() {
        // 3,000/min: ten every 60 s / 299; 600/min: two every 60 s / 299; 60/min: smooth, one a second
        assertThat(ChatClient.requestSlot(3000)).containsExactly(10, 200_668_897);
        assertThat(ChatClient.requestSlot(600)).containsExactly(2, 200_668_897);
        assertThat(ChatClient.requestSlot(60)).containsExactly(1, 1_000_000_000);
        assertThat(ChatClient.requestSlot(449)[0]).isEqualTo(1);
        for (int rpm : new int[] {450, 599, 1000, 3000, 4999, 10_000, 123_457, 1_000_000}) {
            long[] slot = ChatClient.requestSlot(rpm);
            long burstsPerMinute = 60_000_000_000L / slot[1];
            // a sliding minute holds at most one burst more than the period fits: still within the limit
            assertThat(slot[0] * (burstsPerMinute + 1)).as("rpm %d", rpm).isLessThanOrEqualTo(rpm);
            assertThat(slot[0] * 60e9 / slot[1]).as("rpm %d", rpm).isGreaterThan(rpm * 0.99);
            assertThat(slot[1]).as("rpm %d", rpm).isBetween(150_000_000L, 300_000_000L);
        }
    }
}
