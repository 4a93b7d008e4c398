package org.vapr.core.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.io.Json;

class RunManifestTest {
    static final Instant T0 = Instant.parse("2025-10-01T12:00:00Z");
    static final String CANARY = "sk-CANARY-9f8e7d6c5b4a";

    @TempDir
    Path dir;

    /** A clock that moves only when told to. */
    static final class StepClock extends Clock {
        Instant now;

        StepClock(Instant start) {
            now = start;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private RunManifest sample(Clock clock, Path input) throws IOException {
        Map<String, Object> nested = new HashMap<>();
        nested.put("tokens_in", 10);
        nested.put("cost_usd", 0.25);
        return RunManifest.start("build", clock)
                .option("seed", 7)
                .option("editor", "rules")
                .option("categories", List.of("color", "counting"))
                .input("corpus", input)
                .seed("sample", 42)
                .seed("edit", 1)
                .hash("rules", "ab".repeat(32))
                .counts("dropped_by_reason", new Tally().add("text_only", 3).add("multiple_choice", 2))
                .count("read", 100)
                .put("editor_model", "gpt-4o")
                .put("usage", nested);
    }

    @Test
    void documentedKeysInOrder() throws IOException {
        Path input = Files.writeString(dir.resolve("llava.json"), "[]");
        Path out = sample(Clock.fixed(T0, ZoneOffset.UTC), input).write(dir.resolve("run"));
        assertThat(out).isEqualTo(dir.resolve("run/manifest.json"));
        JsonNode n = Json.mapper().readTree(out.toFile());
        assertThat(keys(n)).containsExactly("tool", "version", "command", "options", "inputs", "seeds", "hashes",
                "counts", "editor_model", "usage", "started_at", "finished_at", "elapsed_seconds");
        assertThat(n.get("tool").asText()).isEqualTo("vapr");
        assertThat(n.get("version").asText()).isEqualTo(RunManifest.toolVersion()).doesNotContain("${");
        assertThat(n.get("command").asText()).isEqualTo("build");
        assertThat(n.get("started_at").asText()).isEqualTo("2025-10-01T12:00:00Z");
        assertThat(n.get("finished_at").asText()).isEqualTo("2025-10-01T12:00:00Z");
        assertThat(n.get("elapsed_seconds").asDouble()).isZero();
        assertThat(RunManifest.TIMING_KEYS).containsExactlyInAnyOrder("started_at", "finished_at", "elapsed_seconds");
    }

    @Test
    void toMapHasTheSameOrder() throws IOException {
        Path input = Files.writeString(dir.resolve("llava.json"), "[]");
        Map<String, Object> m = sample(Clock.fixed(T0, ZoneOffset.UTC), input).toMap();
        assertThat(m.keySet()).containsExactly("tool", "version", "command", "options", "inputs", "seeds", "hashes",
                "counts", "editor_model", "usage", "started_at", "finished_at", "elapsed_seconds");
    }

    @Test
    void sectionsHoldSortedValues() throws IOException {
        Path input = Files.writeString(dir.resolve("llava.json"), "[]");
        JsonNode n = Json.mapper().readTree(sample(Clock.fixed(T0, ZoneOffset.UTC), input).write(dir).toFile());
        assertThat(keys(n.get("options"))).containsExactly("categories", "editor", "seed");
        assertThat(n.get("options").get("seed").asInt()).isEqualTo(7);
        assertThat(keys(n.get("seeds"))).containsExactly("edit", "sample");
        assertThat(n.get("seeds").get("sample").asLong()).isEqualTo(42);
        assertThat(n.get("hashes").get("rules").asText()).isEqualTo("ab".repeat(32));
        assertThat(keys(n.get("counts"))).containsExactly("dropped_by_reason", "read");
        assertThat(keys(n.get("counts").get("dropped_by_reason"))).containsExactly("multiple_choice", "text_only");
        assertThat(n.get("counts").get("dropped_by_reason").get("text_only").asLong()).isEqualTo(3);
        assertThat(n.get("counts").get("read").asLong()).isEqualTo(100);
        assertThat(keys(n.get("usage"))).containsExactly("cost_usd", "tokens_in");
    }

    @Test
    void elapsedTimeFromTheClock() throws IOException {
        StepClock clock = new StepClock(T0);
        RunManifest m = RunManifest.start("analyze", clock);
        clock.now = T0.plus(Duration.ofMillis(83_456));
        JsonNode n = Json.mapper().readTree(m.write(dir).toFile());
        assertThat(n.get("started_at").asText()).isEqualTo("2025-10-01T12:00:00Z");
        assertThat(n.get("finished_at").asText()).isEqualTo("2025-10-01T12:01:23.456Z");
        assertThat(n.get("elapsed_seconds").asDouble()).isEqualTo(83.456);
    }

    @Test
    void inputHashesSizesAndPaths() throws IOException {
        Path input = Files.writeString(dir.resolve("abc.json"), "abc");
        JsonNode n = Json.mapper().readTree(RunManifest.start("build", Clock.fixed(T0, ZoneOffset.UTC))
                .input("corpus", input).write(dir.resolve("o")).toFile());
        JsonNode corpus = n.get("inputs").get("corpus");
        assertThat(corpus.get("sha256").asText())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(corpus.get("bytes").asLong()).isEqualTo(3);
        assertThat(corpus.get("path").asText()).isEqualTo(input.toString());
    }

    @Test
    void secretOptionsAreRedactedAndNeverWritten() throws IOException {
        RunManifest m = RunManifest.start("build", Clock.fixed(T0, ZoneOffset.UTC))
                .option("api_key", CANARY)
                .option("OPENAI_API_KEY", CANARY)
                .option("apiKey", CANARY)
                .option("api-key", CANARY)
                .option("token", CANARY)
                .option("hf_token", CANARY)
                .option("password", CANARY)
                .option("client_secret", CANARY)
                .option("Authorization", "Bearer " + CANARY)
                .option("model", "gpt-4o");
        Path f = m.write(dir);
        String text = Files.readString(f, UTF_8);
        assertThat(text).doesNotContain(CANARY).doesNotContain("CANARY");
        JsonNode options = Json.mapper().readTree(text).get("options");
        for (String k : List.of("api_key", "OPENAI_API_KEY", "apiKey", "api-key", "token", "hf_token", "password",
                "client_secret", "Authorization")) {
            assertThat(options.get(k).asText()).as(k).isEqualTo("<redacted>");
        }
        assertThat(options.get("model").asText()).isEqualTo("gpt-4o");
    }

    @Test
    void secretsNestedInsideOptionValuesAreRedacted() throws IOException {
        Map<String, Object> llm = new HashMap<>();
        llm.put("base_url", "http://localhost:8000/v1");
        llm.put("api_key", CANARY);
        llm.put("headers", Map.of("Authorization", "Bearer " + CANARY));
        Path f = RunManifest.start("edit", Clock.fixed(T0, ZoneOffset.UTC)).option("llm", llm).write(dir);
        String text = Files.readString(f, UTF_8);
        assertThat(text).doesNotContain(CANARY);
        JsonNode n = Json.mapper().readTree(text).get("options").get("llm");
        assertThat(n.get("base_url").asText()).isEqualTo("http://localhost:8000/v1");
        assertThat(n.get("api_key").asText()).isEqualTo("<redacted>");
        assertThat(n.get("headers").get("Authorization").asText()).isEqualTo("<redacted>");
    }

    @Test
    void ordinaryOptionsThatMentionTokensAreKept() throws IOException {
        Path f = RunManifest.start("edit", Clock.fixed(T0, ZoneOffset.UTC))
                .option("max_tokens", 256)
                .option("max_new_tokens", 128)
                .option("tokenizer", "cl100k_base")
                .option("key_field", "id")
                .write(dir);
        JsonNode options = Json.mapper().readTree(f.toFile()).get("options");
        assertThat(options.get("max_tokens").asInt()).isEqualTo(256);
        assertThat(options.get("max_new_tokens").asInt()).isEqualTo(128);
        assertThat(options.get("tokenizer").asText()).isEqualTo("cl100k_base");
        assertThat(options.get("key_field").asText()).isEqualTo("id");
    }

    @Test
    void sameDataAndClockGiveIdenticalBytes() throws IOException {
        Path input = Files.writeString(dir.resolve("llava.json"), "[{\"id\":\"1\"}]");
        Path a = sample(Clock.fixed(T0, ZoneOffset.UTC), input).write(dir.resolve("a"));
        Path b = sample(Clock.fixed(T0, ZoneOffset.UTC), input).write(dir.resolve("b"));
        byte[] bytes = Files.readAllBytes(a);
        assertThat(Files.readAllBytes(b)).isEqualTo(bytes);
        String s = new String(bytes, UTF_8);
        assertThat(s).endsWith("}\n").doesNotContain("\r");
        // pretty-printed
        assertThat(s.lines().count()).isGreaterThan(10);
    }

    @Test
    void writingReplacesTheManifestAndLeavesNothingElse() throws IOException {
        RunManifest m = RunManifest.start("build", Clock.fixed(T0, ZoneOffset.UTC));
        m.write(dir);
        m.count("read", 5).write(dir);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("manifest.json");
        }
        assertThat(Json.mapper().readTree(dir.resolve("manifest.json").toFile()).get("counts").get("read").asLong())
                .isEqualTo(5);
    }

    @Test
    void countsAreASnapshotAndNullExtrasAreOmitted() throws IOException {
        Tally t = new Tally().add("kept", 2);
        RunManifest m = RunManifest.start("filter", Clock.fixed(T0, ZoneOffset.UTC)).counts("stage", t).put("note", null);
        t.add("kept", 40).add("late");
        JsonNode n = Json.mapper().readTree(m.write(dir).toFile());
        assertThat(n.get("counts").get("stage").get("kept").asLong()).isEqualTo(2);
        assertThat(n.get("counts").get("stage").has("late")).isFalse();
        assertThat(n.has("note")).isFalse();
    }

    @Test
    void versionComesFromTheBuild() {
        assertThat(RunManifest.toolVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @org.junit.jupiter.api.Test
    void extrasCannotOverwriteTheStandardKeys() {
        RunManifest m = RunManifest.start("build", java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.put("counts", 1)).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.put("started_at", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void invalidateRemovesAStaleManifest(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("manifest.json"), "{}");
        RunManifest.invalidate(dir);
        org.assertj.core.api.Assertions.assertThat(dir.resolve("manifest.json")).doesNotExist();
        RunManifest.invalidate(dir);
    }
}
