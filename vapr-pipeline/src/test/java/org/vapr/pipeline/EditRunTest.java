package org.vapr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;
import org.vapr.core.manifest.RunManifest;
import org.vapr.llm.ChatClient;
import org.vapr.llm.ChatSettings;
import org.vapr.llm.Resilience;
import org.vapr.llm.loopback.LoopbackChatServer;
import org.vapr.llm.loopback.PlausibleEditResponder;
import org.vapr.pipeline.run.CallJournal;

/** Concurrency, journal, resume after kill -9, and secrets of the edit stage. */
class EditRunTest {
    private static final List<String> OUTPUTS = List.of("pairs.jsonl", "trl/train.jsonl", "llamafactory/vapr.json",
            "llamafactory/dataset_info.json", "llava-next/vapr.json");
    private static final Pattern KEY = Pattern.compile("Key: (\\S+)");

    @TempDir
    Path dir;

    private final LoopbackChatServer server;

    EditRunTest() throws IOException {
        server = LoopbackChatServer.start().respondWith(new PlausibleEditResponder());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path corpus() throws IOException {
        return CorpusFixture.writeJson(dir.resolve("llava.json"), CorpusFixture.records(60));
    }

    private ChatClient client(String key) {
        ChatSettings s = new ChatSettings(server.baseUrl(), "loopback-edit", () -> key, Duration.ofSeconds(10),
                Map.of(), null, null);
        return new ChatClient(s, Resilience.defaults().withMaxAttempts(2).withDelayScale(0));
    }

    private static Map<String, byte[]> outputs(Path out) throws IOException {
        Map<String, byte[]> m = new java.util.TreeMap<>();
        for (String f : OUTPUTS) {
            m.put(f, Files.readAllBytes(out.resolve(f)));
        }
        return m;
    }

    private static void assertSameOutputs(Path a, Path b) throws IOException {
        Map<String, byte[]> x = outputs(a);
        Map<String, byte[]> y = outputs(b);
        for (String f : OUTPUTS) {
            assertThat(y.get(f)).as(f).isEqualTo(x.get(f));
        }
    }

    private static JsonNode manifest(Path out) throws IOException {
        ObjectNode m = (ObjectNode) Json.mapper().readTree(out.resolve("manifest.json").toFile());
        m.remove(RunManifest.TIMING_KEYS);
        ((ObjectNode) m.path("options")).remove(List.of("out", "concurrency"));
        m.remove("journal");
        m.remove("outputs");
        return m;
    }

    /** Keys named in the requests the server got. */
    private List<String> requestedKeys() {
        List<String> keys = new ArrayList<>();
        for (LoopbackChatServer.Received r : server.received()) {
            Matcher m = KEY.matcher(r.body());
            if (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    @Test
    void outputsDoNotDependOnConcurrencyAndPenaltyListsStillWork() throws Exception {
        Path corpus = corpus();
        BuildPipeline.Builder b = BuildPipeline.builder().setInput(corpus).optSize(120).optSeed(7).optPenaltyLag(4)
                .optClock(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
        b.setOut(dir.resolve("c1")).optConcurrency(1).build().run();
        b.setOut(dir.resolve("c8")).optConcurrency(8).build().run();
        b.setOut(dir.resolve("c64")).optConcurrency(64).build().run();
        assertSameOutputs(dir.resolve("c1"), dir.resolve("c8"));
        assertSameOutputs(dir.resolve("c1"), dir.resolve("c64"));
        assertThat(manifest(dir.resolve("c8"))).isEqualTo(manifest(dir.resolve("c1")));
        // the lag is part of the semantics: penalties seen earlier change some edits
        b.setOut(dir.resolve("lag1000")).optPenaltyLag(1000).optConcurrency(8).build().run();
        assertThat(Files.readAllBytes(dir.resolve("lag1000/pairs.jsonl")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("c1/pairs.jsonl")));
    }

    @Test
    void aRerunOnTheSameOutReplaysTheJournalWithoutHttp() throws Exception {
        Path corpus = corpus();
        Path out = dir.resolve("out");
        try (ChatClient c = client("sk-test")) {
            BuildReport first = EditChild.build(corpus, out, new LoopbackEditor(c), 8).build().run();
            assertThat(first.pairs()).isPositive();
        }
        long requests = server.requestCount();
        assertThat(requests).isPositive();
        JsonNode m1 = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(m1.path("journal").path("calls_made").asLong()).isEqualTo(requests);
        assertThat(m1.path("llm").path("calls").asLong()).isEqualTo(requests);
        assertThat(m1.path("llm").path("cost_usd").asDouble()).isPositive();
        Map<String, byte[]> before = outputs(out);

        try (ChatClient c = client("sk-test")) {
            EditChild.build(corpus, out, new LoopbackEditor(c), 3).build().run();
        }
        assertThat(server.requestCount()).as("requests of the second run").isEqualTo(requests);
        JsonNode m2 = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(m2.path("journal").path("calls_made").asLong()).isZero();
        assertThat(m2.path("journal").path("calls_replayed").asLong()).isEqualTo(requests);
        assertThat(m2.path("llm")).isEqualTo(m1.path("llm"));
        Map<String, byte[]> after = outputs(out);
        for (String f : OUTPUTS) {
            assertThat(after.get(f)).as(f).isEqualTo(before.get(f));
        }
    }

    @Test
    void aChangedConfigurationIsRefusedUnlessRestarted() throws Exception {
        Path corpus = corpus();
        Path out = dir.resolve("out");
        try (ChatClient c = client("sk-test")) {
            EditChild.build(corpus, out, new LoopbackEditor(c), 4).build().run();
            assertThatThrownBy(() -> EditChild.build(corpus, out, new LoopbackEditor(c), 4).optSeed(8).build().run())
                    .isInstanceOf(InputException.class)
                    .hasMessage(out.resolve(CallJournal.FILE_NAME)
                            + ": was made with seed 7, this run uses 8; use a new --out or --restart");
            long before = server.requestCount();
            EditChild.build(corpus, out, new LoopbackEditor(c), 4).optSeed(8).optRestart(true).build().run();
            assertThat(server.requestCount()).isGreaterThan(before);
        }
    }

    private Process child(Path corpus, Path out, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EditChild.class.getName(), corpus.toString(),
                out.toString(), server.baseUrl().toString(), "4");
        pb.environment().remove("OPENAI_API_KEY");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile());
        Files.createDirectories(out);
        return pb.start();
    }

    private static long lines(Path f) throws IOException {
        if (!Files.exists(f)) {
            return 0;
        }
        try (Stream<String> s = Files.lines(f)) {
            return s.count();
        }
    }

    @Test
    void aRunKilledMidwayResumesWithoutRepeatingACompletedCallAndGivesTheSameBytes() throws Exception {
        Path corpus = corpus();
        server.latency(Duration.ofMillis(40));
        Path out = dir.resolve("killed");
        Process p = child(corpus, out, Map.of("OPENAI_API_KEY", "sk-test"));
        Path journal = out.resolve(CallJournal.FILE_NAME);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (lines(journal) < 31 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(p.isAlive()).as("child still running when killed").isTrue();
        p.destroyForcibly().waitFor();
        List<String> firstRunKeys = requestedKeys();
        Set<String> journaled = new HashSet<>();
        for (String l : Files.readAllLines(journal).subList(1, (int) lines(journal))) {
            journaled.add(Json.mapper().readTree(l).path("key").asText());
        }
        assertThat(journaled).hasSizeGreaterThanOrEqualTo(30);
        assertThat(Files.exists(out.resolve("manifest.json"))).isFalse();

        Process resumed = child(corpus, out, Map.of("OPENAI_API_KEY", "sk-test"));
        assertThat(resumed.waitFor()).as(Files.readString(out.resolveSibling("killed.log"))).isZero();
        List<String> all = requestedKeys();
        List<String> secondRunKeys = all.subList(firstRunKeys.size(), all.size());
        assertThat(secondRunKeys).doesNotContainAnyElementsOf(journaled).doesNotHaveDuplicates();
        assertThat(firstRunKeys).doesNotHaveDuplicates();
        Set<String> repeated = new HashSet<>(firstRunKeys);
        repeated.retainAll(secondRunKeys);
        assertThat(repeated).as("calls in flight at the kill, asked again").hasSizeLessThanOrEqualTo(4);
        JsonNode m = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(m.path("journal").path("calls_replayed").asLong()).isEqualTo(journaled.size());

        Path reference = dir.resolve("reference");
        try (ChatClient c = client("sk-test")) {
            EditChild.build(corpus, reference, new LoopbackEditor(c), 2).build().run();
        }
        assertSameOutputs(reference, out);
    }

    @Test
    void theApiKeyNeverReachesOutputsManifestJournalOrLogs() throws Exception {
        String canary = "sk-canary-" + Long.toHexString(System.nanoTime()) + "-do-not-leak";
        Path corpus = corpus();
        Path out = dir.resolve("secret");
        Process p = child(corpus, out, Map.of("OPENAI_API_KEY", canary));
        assertThat(p.waitFor()).isZero();
        assertThat(server.received()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + canary));
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).contains(out.resolve(CallJournal.FILE_NAME), out.resolve("manifest.json"),
                out.resolve("pairs.jsonl"), dir.resolve("secret.log"));
        assertThat(Files.readString(dir.resolve("secret.log"))).contains("done:");
        for (Path f : files) {
            assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                    .doesNotContain(canary).doesNotContain(canary.substring(3, 20));
        }
    }

    @Test
    void llmExtensionRunsInTheJournaledEditWorkAndAResumedRunReplaysIt() throws Exception {
        Path corpus = corpus();
        Path out = dir.resolve("extend");
        org.vapr.pipeline.edit.llm.PromptSet prompts = org.vapr.pipeline.edit.llm.PromptSet.load(null);
        try (ChatClient c = client("sk-test")) {
            var extender = new org.vapr.pipeline.edit.llm.LlmExtender(c, prompts,
                    new org.vapr.pipeline.edit.AnswerExtender(true), new org.vapr.pipeline.edit.llm.UsageMeter());
            EditChild.build(corpus, out, new LoopbackEditor(c), 8).optExtender(extender)
                    .optManifestExtras(() -> Map.of("editor_config", Map.of("model", "loopback-edit"))).build().run();
        }
        long requests = server.requestCount();
        long extendRequests = server.received().stream().filter(r -> r.body().contains("vapr_extend")).count();
        assertThat(extendRequests).as("extension calls").isPositive();
        JsonNode m1 = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(m1.path("journal").path("calls_made").asLong()).isEqualTo(requests);
        assertThat(m1.path("llm").path("calls").asLong()).as("edit and extension calls").isEqualTo(requests);
        assertThat(m1.path("counts").path("extension").path("llm_yes_no").asLong()
                + m1.path("counts").path("extension").path("llm_short").asLong()).isPositive();
        assertThat(m1.path("counts").has("extension_fallback_by_reason")).isTrue();
        assertThat(m1.path("editor_config").path("model").asText()).isEqualTo("loopback-edit");
        Map<String, byte[]> before = outputs(out);

        try (ChatClient c = client("sk-test")) {
            var extender = new org.vapr.pipeline.edit.llm.LlmExtender(c, prompts,
                    new org.vapr.pipeline.edit.AnswerExtender(true), new org.vapr.pipeline.edit.llm.UsageMeter());
            EditChild.build(corpus, out, new LoopbackEditor(c), 3).optExtender(extender).build().run();
        }
        assertThat(server.requestCount()).as("requests of the resumed run").isEqualTo(requests);
        JsonNode m2 = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(m2.path("journal").path("calls_made").asLong()).isZero();
        assertThat(m2.path("journal").path("calls_replayed").asLong()).isEqualTo(requests);
        assertThat(m2.path("counts").path("extension")).isEqualTo(m1.path("counts").path("extension"));
        Map<String, byte[]> after = outputs(out);
        for (String f : OUTPUTS) {
            assertThat(after.get(f)).as(f).isEqualTo(before.get(f));
        }
    }

    @Test
    void aFailedProposalFeedsItsOwnReasonBackAndIsCountedByIt() throws Exception {
        List<String> feedback = java.util.Collections.synchronizedList(new ArrayList<>());
        org.vapr.pipeline.edit.Editor refusing = new org.vapr.pipeline.edit.Editor() {
            @Override
            public String name() {
                return "refusing";
            }

            @Override
            public String model() {
                return "none";
            }

            @Override
            public org.vapr.pipeline.edit.EditProposal propose(org.vapr.pipeline.edit.EditRequest r) {
                if (r.attempt() > 1) {
                    feedback.add(r.feedback());
                }
                return org.vapr.pipeline.edit.EditProposal.failed(r.attempt() == 1 ? "llm_refusal" : "llm_invalid_json");
            }
        };
        Path out = dir.resolve("refused");
        BuildReport r = BuildPipeline.builder().setInput(corpus()).setOut(out).optSize(20).optSeed(7)
                .optEditor(refusing).optConcurrency(4).build().run();
        assertThat(r.pairs()).isZero();
        assertThat(feedback).isNotEmpty().allMatch(f -> f.equals("llm_refusal") || f.equals("llm_invalid_json"));
        assertThat(feedback).contains("llm_refusal");
        assertThat(r.droppedByReason()).containsKey("llm_invalid_json").doesNotContainKey("edit_no_span");
    }
}
