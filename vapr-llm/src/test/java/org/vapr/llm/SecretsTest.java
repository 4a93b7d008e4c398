package org.vapr.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.vapr.llm.FakeOpenAiServer.ok;
import static org.vapr.llm.FakeOpenAiServer.status;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** A canary key reaches the server's Authorization header and nothing else we print. */
class SecretsTest {
    private static final String CANARY = "sk-proj-CANARY-91b2c3d4e5f6";

    @Test
    void theKeyOnlyTravelsInTheAuthorizationHeader() throws Exception {
        List<String> printed = Collections.synchronizedList(new ArrayList<>());
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (FakeOpenAiServer server = new FakeOpenAiServer()) {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
            // servers echo keys: OpenAI's 401 quotes (part of) it; a proxy might quote all of it
            server.then(status(429, "{\"error\":{\"message\":\"slow down " + CANARY + "\"}}"),
                    ok("{\"rejected\":\"x\"}"),
                    status(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + CANARY + "\"}}"));
            ChatSettings settings = ChatSettings.fromEnvironment(
                    Map.of("OPENAI_API_KEY", CANARY, "OPENAI_BASE_URL", server.baseUrl().toString()), null, "gpt-4o");
            ChatEvents events = (attempt, reason, delay) -> printed.add(reason);
            try (ChatClient client = new ChatClient(settings, Resilience.defaults().withDelayScale(0), events,
                    RandomGenerator.of("L64X128MixRandom"), Clock.systemUTC())) {
                ChatResult result = client.complete(ChatRequest.of(ChatMessage.user("q")));
                printed.add(result.toString());
                LlmException e = catchThrowableOfType(LlmException.class,
                        () -> client.complete(ChatRequest.of(ChatMessage.user("q"))));
                assertThat(e).isNotNull();
                printed.add(e.getMessage());
                printed.add(e.toString());
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                printed.add(trace.toString());
                assertThat(e.getMessage()).contains("Incorrect API key provided: ***");
            }
            printed.add(settings.toString());
            assertThat(settings.toString()).contains("apiKey=***");
            assertThat(server.received()).hasSize(3)
                    .allSatisfy(r -> assertThat(r.headers().getFirst("Authorization")).isEqualTo("Bearer " + CANARY));
            assertThat(server.received()).allSatisfy(r -> assertThat(r.body()).doesNotContain(CANARY));
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
        printed.add(console.toString(StandardCharsets.UTF_8));
        assertThat(printed).hasSizeGreaterThan(5).allSatisfy(s -> assertThat(s).doesNotContain(CANARY));
    }

    @Test
    void aMissingKeySendsNoAuthorizationHeader() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer()) {
            server.then(ok("local"));
            ChatSettings settings = ChatSettings.fromEnvironment(Map.of(), server.baseUrl().toString(), "llama3");
            assertThat(settings.toString()).contains("apiKey=none");
            try (ChatClient client = new ChatClient(settings, Resilience.defaults())) {
                assertThat(client.complete(ChatRequest.of(ChatMessage.user("q"))).content()).isEqualTo("local");
            }
            assertThat(server.received().get(0).headers().getFirst("Authorization")).isNull();
        }
    }

    @Test
    void settingsComeFromTheEnvironment() {
        ChatSettings defaults = ChatSettings.fromEnvironment(Map.of("OPENAI_API_KEY", CANARY), null, "gpt-4o");
        assertThat(defaults.endpoint()).hasToString("https://api.openai.com/v1/chat/completions");
        assertThat(defaults.apiKey().get()).isEqualTo(CANARY);
        ChatSettings flag = ChatSettings.fromEnvironment(Map.of("OPENAI_BASE_URL", "http://a:1/v1"), "http://b:2/v1/", "m");
        assertThat(flag.endpoint()).hasToString("http://b:2/v1/chat/completions");
        assertThat(flag.requestTimeout()).isEqualTo(Duration.ofSeconds(120));
    }
}
