package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.io.Json;
import org.vapr.llm.loopback.Fault;
import org.vapr.llm.loopback.LoopbackChatServer;
import org.vapr.llm.loopback.PlausibleEditResponder;

/** {@code --editor openai} through the real parser, against the loopback OpenAI server; never the internet. */
class LlmEditorCommandTest {
    private static final String CANARY = "sk-canary-7f3a91c2d4";
    private static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", CANARY);

    @TempDir
    static Path world;

    @BeforeAll
    static void synthesizeTinyWorld() {
        CliRun synth = CliRun.of("synth", "--out", world.toString(), "--samples", "80", "--seed", "11", "-q");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
    }

    private static CliRun run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CommandLineFactory.create(new PrintWriter(out, true), new PrintWriter(err, true), env).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    private static String corpus() {
        return world.resolve("llava.json").toString();
    }

    @Test
    void missingKeyIsOneLineAndUsageExitCode(@TempDir Path out) {
        CliRun r = run(Map.of(), "build", "--input", corpus(), "--out", out.toString(), "--editor", "openai", "-q");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains("OPENAI_API_KEY is not set").contains("OPENAI_API_KEY=dummy");
        assertThat(out.resolve("pairs.jsonl")).doesNotExist();
    }

    @Test
    void badOptionValuesAreUsageErrors(@TempDir Path out) {
        String o = out.toString();
        assertThat(run(ENV, "build", "--input", corpus(), "--out", o, "--editor", "gpt").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run(ENV, "build", "--input", corpus(), "--out", o, "--editor", "openai", "--fallback", "human").err())
                .contains("--fallback").contains("human");
        assertThat(run(ENV, "build", "--input", corpus(), "--out", o, "--dry-run").err()).contains("needs --editor openai");
        assertThat(run(ENV, "build", "--input", corpus(), "--out", o, "--editor", "openai", "--max-attempts", "0").exitCode())
                .isEqualTo(ExitCode.USAGE);
        CliRun ctx = run(ENV, "build", "--input", corpus(), "--out", o, "--editor", "openai", "--context", "video", "-q");
        assertThat(ctx.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(ctx.err()).contains("'video'");
        assertThat(run(ENV, "build", "--help").out()).contains("--no-think").contains("--context").contains(" 5 ");
    }

    @Test
    void dryRunWritesTheEstimateWithoutAnyRequest(@TempDir Path out) throws IOException {
        try (LoopbackChatServer server = LoopbackChatServer.start()) {
            CliRun r = run(ENV, "build", "--input", corpus(), "--out", out.toString(), "--size", "40", "--editor", "openai",
                    "--base-url", server.baseUrl().toString(), "--context", "scene", "--dry-run", "--llm-extend", "-q");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(server.requestCount()).isZero();
            JsonNode est = Json.mapper().readTree(out.resolve("dry-run.json").toFile());
            assertThat(est.get("items").asInt()).isEqualTo(40);
            assertThat(est.get("edit_calls").asLong()).isEqualTo(52);
            assertThat(est.get("extension_calls").asLong()).isPositive();
            assertThat(est.get("prompt_tokens").asLong()).isGreaterThan(40 * 300);
            assertThat(est.get("cost_usd").asDouble()).isPositive();
            assertThat(est.get("price_key").asText()).isEqualTo("gpt-4o");
            assertThat(r.out()).contains("dry run: 40 pairs").contains("no request was sent");
            assertThat(out.resolve("pairs.jsonl")).doesNotExist();
        }
    }

    @Test
    void editStageCommandTakesTheSameOptions(@TempDir Path out) throws IOException {
        Path sampled = out.resolve("s");
        assertThat(run(ENV, "build", "--input", corpus(), "--out", sampled.toString(), "--size", "20",
                "--stages", "filter,categorize,sample", "-q").exitCode()).isZero();
        CliRun r = run(ENV, "edit", "--input", sampled.resolve("sampled.jsonl").toString(), "--out", out.resolve("e").toString(),
                "--images", world.toString(), "--editor", "openai", "--model", "Qwen/Qwen3-32B", "--no-think",
                "--base-url", "http://127.0.0.1:9/v1", "--dry-run", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode est = Json.mapper().readTree(out.resolve("e").resolve("dry-run.json").toFile());
        assertThat(est.get("items").asInt()).isEqualTo(20);
        assertThat(est.get("price_key").asText()).isEqualTo("qwen3-32b");
        assertThat(est.get("cost_usd").asDouble()).isZero();
    }

    @Test
    void serverRefusalStopsTheRunWithOneLineAndExitCode5(@TempDir Path out) throws IOException {
        try (LoopbackChatServer server = LoopbackChatServer.start()) {
            server.faults(req -> Fault.UNAUTHORIZED);
            CliRun r = run(ENV, "build", "--input", corpus(), "--out", out.toString(), "--size", "10", "--editor", "openai",
                    "--base-url", server.baseUrl().toString(), "-q");
            assertThat(r.exitCode()).isEqualTo(ExitCode.REMOTE);
            assertThat(r.err().lines().toList()).hasSize(1);
            assertThat(r.err()).contains("401").doesNotContain(CANARY);
        }
    }

    @Test
    void buildWithTheOpenAiEditorOnTheLoopbackServerWritesPairsAndAccountsForTokensAndCost(@TempDir Path out) throws IOException {
        try (LoopbackChatServer server = LoopbackChatServer.start()) {
            server.respondWith(new PlausibleEditResponder());
            CliRun r = run(ENV, "build", "--input", corpus(), "--out", out.toString(), "--size", "40", "--editor", "openai",
                    "--base-url", server.baseUrl().toString(), "--context", "scene", "--fallback", "rules", "-q");
            assertThat(r.exitCode()).as(r.err()).isZero();

            List<String> pairs = Files.readAllLines(out.resolve("pairs.jsonl"));
            assertThat(pairs).hasSizeGreaterThan(10);
            for (String line : pairs) {
                JsonNode p = Json.mapper().readTree(line);
                assertThat(p.get("chosen").asText()).isNotEqualTo(p.get("rejected").asText());
                assertThat(p.path("edit").path("editor").asText()).isEqualTo("openai");
                assertThat(p.path("edit").path("model").asText()).isEqualTo("gpt-4o");
            }
            assertThat(server.received()).isNotEmpty().allSatisfy(rec -> {
                assertThat(rec.authorization()).isEqualTo("Bearer " + CANARY);
                assertThat(rec.body()).contains("A synthetic image with a").contains("vapr_edit");
            });

            JsonNode m = Json.mapper().readTree(out.resolve("manifest.json").toFile());
            JsonNode llm = m.path("llm");
            assertThat(llm.path("calls").asLong()).isEqualTo(server.answeredCount());
            assertThat(llm.path("prompt_tokens").asLong()).isPositive();
            assertThat(llm.path("completion_tokens").asLong()).isPositive();
            assertThat(llm.path("cost_usd").asDouble()).isPositive();
            JsonNode cfg = m.path("editor_config");
            assertThat(cfg.path("model").asText()).isEqualTo("gpt-4o");
            assertThat(cfg.path("base_url").asText()).isEqualTo(server.baseUrl().toString());
            assertThat(cfg.path("context").asText()).isEqualTo("scene");
            assertThat(cfg.path("prompts").path("sha256").asText()).hasSize(64);
            assertThat(cfg.path("prompts").path("files").has("counting.md")).isTrue();
            assertThat(cfg.path("prices").path("sha256").asText()).hasSize(64);
            assertThat(cfg.path("prices").path("entry").asText()).isEqualTo("gpt-4o");
            try (Stream<Path> files = Files.walk(out)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(f)).as(f.toString()).doesNotContain(CANARY);
                }
            }
        }
    }

    @Test
    void llmExtendRunsInTheBuildAndARerunReplaysEveryCallFromTheJournal(@TempDir Path out) throws IOException {
        try (LoopbackChatServer server = LoopbackChatServer.start()) {
            server.respondWith(new PlausibleEditResponder());
            String[] args = {"build", "--input", corpus(), "--out", out.toString(), "--size", "30", "--editor", "openai",
                    "--base-url", server.baseUrl().toString(), "--llm-extend", "--concurrency", "4", "-q"};
            CliRun first = run(ENV, args);
            assertThat(first.exitCode()).as(first.err()).isZero();
            long requests = server.requestCount();
            assertThat(server.received()).anySatisfy(rec -> assertThat(rec.body()).contains("vapr_extend"));
            assertThat(first.out()).contains("chat calls: " + requests + " made, 0 replayed");
            assertThat(Json.mapper().readTree(out.resolve("manifest.json").toFile()).path("llm").path("calls").asLong())
                    .isEqualTo(requests);
            JsonNode m1 = Json.mapper().readTree(out.resolve("manifest.json").toFile());
            assertThat(m1.path("options").path("concurrency").asInt()).isEqualTo(4);
            assertThat(m1.path("counts").path("extension").path("llm_yes_no").asLong()).isPositive();
            assertThat(m1.path("editor_config").path("llm_extend").asBoolean()).isTrue();
            byte[] pairs = Files.readAllBytes(out.resolve("pairs.jsonl"));

            CliRun again = run(ENV, args);
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(server.requestCount()).as("requests of the rerun").isEqualTo(requests);
            assertThat(again.out()).contains("chat calls: 0 made, " + requests + " replayed");
            assertThat(Files.readAllBytes(out.resolve("pairs.jsonl"))).isEqualTo(pairs);

            String[] restart = java.util.Arrays.copyOf(args, args.length + 1);
            restart[args.length] = "--restart";
            CliRun fresh = run(ENV, restart);
            assertThat(fresh.exitCode()).as(fresh.err()).isZero();
            assertThat(server.requestCount()).as("--restart pays again").isEqualTo(2 * requests);
        }
    }
}
