package org.vapr.eval.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.llm.ChatSettings;
import org.vapr.llm.LlmException;
import org.vapr.llm.Resilience;
import org.vapr.llm.loopback.Fault;
import org.vapr.llm.loopback.LoopbackChatServer;

/** {@link EndpointBackend} against the loopback OpenAI-compatible server: order, concurrency, retries, images. */
class EndpointBackendTest {
    @TempDir
    Path tmp;

    /** Answers "Yes" to prompts naming an even question number, "No" to odd ones. */
    private static String yesNo(com.fasterxml.jackson.databind.JsonNode request) {
        String text = request.path("messages").get(0).path("content").get(1).path("text").asText();
        int n = Integer.parseInt(text.replaceAll("\\D", ""));
        return n % 2 == 0 ? "Yes" : "No";
    }

    private List<ImageQuestion> questions(int n) throws IOException {
        Path png = tmp.resolve("a.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path jpg = tmp.resolve("b.jpg");
        Files.write(jpg, new byte[] {(byte) 0xFF, (byte) 0xD8, 9, 9});
        List<ImageQuestion> q = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            q.add(new ImageQuestion(i % 2 == 0 ? png : jpg, "Is this question " + i + "?"));
        }
        return q;
    }

    private static EndpointBackend backend(LoopbackChatServer server, int attempts, int concurrency) {
        ChatSettings settings = new ChatSettings(server.baseUrl(), "llava-v1.5-7b", () -> "dummy", Duration.ofSeconds(20),
                Map.of(), null, null);
        Resilience r = Resilience.defaults().withMaxAttempts(attempts).withDelayScale(0);
        return EndpointBackend.open(settings, r, concurrency, 16);
    }

    @Test
    void answersComeBackInInputOrderWithBoundedConcurrencyThroughFaults() throws IOException {
        try (LoopbackChatServer server = LoopbackChatServer.start()) {
            server.respondWith(EndpointBackendTest::yesNo).latency(Duration.ofMillis(30))
                    .enqueue(Fault.SERVER_ERROR, Fault.RATE_LIMITED).retryAfterSeconds(0);
            List<ImageQuestion> q = questions(24);
            List<ModelAnswer> answers;
            try (EndpointBackend b = backend(server, 4, 3)) {
                answers = b.answer(q);
                assertThat(b.describe()).containsEntry("model_name", "llava-v1.5-7b").containsEntry("concurrency", 3)
                        .doesNotContainKey("api_key");
                assertThat(b.describe().toString()).doesNotContain("dummy");
            }
            assertThat(answers).hasSize(24);
            for (int i = 0; i < 24; i++) {
                assertThat(answers.get(i).text()).as("answer %d", i).isEqualTo(i % 2 == 0 ? "Yes" : "No");
            }
            assertThat(server.maxInFlight()).isBetween(2, 3);
            assertThat(server.requestCount()).isEqualTo(26);
            LoopbackChatServer.Received first = server.received().stream().filter(x -> x.fault() == null).findFirst().orElseThrow();
            assertThat(first.body()).contains("\"temperature\":0.0", "\"max_tokens\":16", "\"model\":\"llava-v1.5-7b\"");
            String png = "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(tmp.resolve("a.png")));
            String jpg = "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(tmp.resolve("b.jpg")));
            assertThat(server.received()).anyMatch(x -> x.body().contains(png)).anyMatch(x -> x.body().contains(jpg));
            // the image part comes before the text, as LLaVA puts <image> before the question
            assertThat(first.body().indexOf("image_url")).isLessThan(first.body().indexOf("Is this question"));
        }
    }

    @Test
    void anItemWhoseRetriesRunOutIsAFailedAnswerAndTheOthersStillCome() throws IOException {
        try (LoopbackChatServer server = LoopbackChatServer.start()) {
            server.respondWith(EndpointBackendTest::yesNo)
                    .faults(r -> r.toString().contains("question 3?") ? Fault.UNAVAILABLE : null);
            List<ModelAnswer> answers;
            try (EndpointBackend b = backend(server, 2, 4)) {
                answers = b.answer(questions(6));
            }
            assertThat(answers.get(3).answered()).isFalse();
            assertThat(answers.get(3).error()).contains("503");
            assertThat(answers.stream().filter(ModelAnswer::answered).count()).isEqualTo(5);
        }
    }

    @Test
    void aRefusedKeyStopsTheRun() throws IOException {
        try (LoopbackChatServer server = LoopbackChatServer.start()) {
            server.faults(r -> Fault.UNAUTHORIZED);
            try (EndpointBackend b = backend(server, 3, 2)) {
                List<ImageQuestion> q = questions(5);
                assertThatThrownBy(() -> b.answer(q)).isInstanceOf(LlmException.class).hasMessageContaining("401");
            }
            assertThat(server.requestCount()).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void aServerThatAnswersNothingStopsTheRun() throws IOException {
        try (LoopbackChatServer server = LoopbackChatServer.start()) {
            server.faults(r -> Fault.UNAVAILABLE);
            try (EndpointBackend b = backend(server, 2, 2)) {
                List<ImageQuestion> q = questions(3);
                assertThatThrownBy(() -> b.answer(q)).isInstanceOf(LlmException.class).hasMessageContaining("503");
            }
            assertThat(server.requestCount()).isEqualTo(6);
        }
    }

    @Test
    void mediaTypesFollowTheFileName() {
        assertThat(EndpointBackend.mediaType(Path.of("x.JPEG"))).isEqualTo("image/jpeg");
        assertThat(EndpointBackend.mediaType(Path.of("x.webp"))).isEqualTo("image/webp");
        assertThat(EndpointBackend.mediaType(Path.of("x.png"))).isEqualTo("image/png");
    }
}
