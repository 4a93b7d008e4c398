package org.vapr.eval.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;
import org.vapr.core.manifest.RunManifest;
import org.vapr.eval.data.ContextualFile;
import org.vapr.eval.data.LlavaBenchFiles;
import org.vapr.eval.data.MmVetFile;
import org.vapr.eval.data.PredictionTexts;
import org.vapr.llm.ChatClient;
import org.vapr.llm.ChatSettings;
import org.vapr.llm.LlmException;
import org.vapr.llm.Resilience;
import org.vapr.llm.loopback.Fault;
import org.vapr.llm.loopback.LoopbackChatServer;

class JudgeRunTest {
    @TempDir
    Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(JudgeRunTest.class.getResource("/judge/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String lastUserText(JsonNode request) {
        JsonNode messages = request.path("messages");
        return messages.get(messages.size() - 1).path("content").asText();
    }

    static ChatClient client(LoopbackChatServer server) {
        return new ChatClient(ChatSettings.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-test"), server.baseUrl().toString(),
                "gpt-4o"), Resilience.defaults().withMaxAttempts(3).withDelayScale(0));
    }

    JudgeRun.Job job(JudgeBenchmark b, Path data, Path predictions, int bootstrap) {
        return new JudgeRun.Job(b, data, predictions, tmp.resolve("out-" + b.id()), "gpt-4o", "http://127.0.0.1/v1", 4,
                bootstrap, 7);
    }

    @Test
    void readersFollowTheOfficialLayouts() {
        List<LlavaBenchFiles.Question> llava = LlavaBenchFiles.read(fixture("llava-bench"));
        assertThat(llava).extracting(LlavaBenchFiles.Question::category).containsExactly("conv", "detail", "complex", "conv");
        assertThat(llava.get(2).context()).isEqualTo("A cat sits behind the steering wheel of a blue car.\nThe window is open.");
        assertThat(llava.get(3).reference()).isEqualTo("The car is blue.");
        assertThat(LlavaBenchFiles.read(fixture("llava-bench/questions.jsonl"))).isEqualTo(llava);

        List<MmVetFile.Question> mmvet = MmVetFile.read(fixture("mm-vet"));
        assertThat(mmvet).extracting(MmVetFile.Question::id).containsExactly("v1_0", "v1_1", "v1_2");
        assertThat(mmvet.get(1).capabilities()).containsExactly("math", "ocr");

        ContextualFile.Contents ctx = ContextualFile.read(fixture("contextual/contextual_val.csv"));
        assertThat(ctx.dropped()).isEqualTo(1);
        assertThat(ctx.questions()).hasSize(3);
        assertThat(ctx.questions().get(1).instruction()).isEqualTo("Which items, if any, are missing from the list?");
        assertThat(ctx.questions().get(1).reference()).isEqualTo("The missing items are:\nolive oil and \"olives\".");
        assertThat(ctx.questions().get(1).id()).isEqualTo("https://example.org/shopping/list.png");

        assertThat(PredictionTexts.read(fixture("mm-vet/results.json"))).containsEntry("v1_1", "x = 4").hasSize(3);
        assertThat(PredictionTexts.read(fixture("llava-bench/predictions.jsonl"))).containsEntry("0", "The dog is playing.");
    }

    @Test
    void badFilesNameTheFileRecordAndField() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bad-llava"));
        Files.writeString(dir.resolve("questions.jsonl"), "{\"image\": \"x.jpg\", \"text\": \"q\", \"category\": \"conv\", \"question_id\": 5}\n");
        Files.writeString(dir.resolve("answers_gpt4.jsonl"), "{\"question_id\": 6, \"text\": \"a\"}\n");
        Files.writeString(dir.resolve("context.jsonl"), "{\"image\": \"x.jpg\", \"caption\": \"c\"}\n");
        assertThatThrownBy(() -> LlavaBenchFiles.read(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("questions.jsonl").hasMessageContaining("line 1").hasMessageContaining("question_id");
        Path csv = tmp.resolve("c.csv");
        Files.writeString(csv, "image_url,instruction,category\nu,i,c\n");
        assertThatThrownBy(() -> ContextualFile.read(csv)).isInstanceOf(InputException.class).hasMessageContaining("'response'");
        Path mm = tmp.resolve("mm-vet.json");
        Files.writeString(mm, "{\"v1_0\": {\"imagename\": \"a.png\", \"capability\": \"rec\", \"question\": \"q\", \"answer\": \"a\"}}");
        assertThatThrownBy(() -> MmVetFile.read(mm)).isInstanceOf(InputException.class).hasMessageContaining("v1_0.capability");
    }

    @Test
    void llavaBenchRelativeScoresMatchTheHandComputation() throws IOException {
        JudgeReport report;
        try (LoopbackChatServer server = LoopbackChatServer.start(); ChatClient client = client(server)) {
            server.respondWith(r -> {
                String t = lastUserText(r);
                if (t.contains("What is the dog doing?")) {
                    return "8 6\nAssistant 2 is vague.";
                }
                if (t.contains("Describe the scene in detail.")) {
                    return "9 9\nBoth are accurate.";
                }
                if (t.contains("Why is this picture funny?")) {
                    return "Both assistants are helpful.\n8 7";
                }
                return "10 2\nAssistant 2 gave no answer.";
            });
            server.enqueue(Fault.SERVER_ERROR);
            report = JudgeRun.execute(job(JudgeBenchmark.LLAVA_BENCH, fixture("llava-bench"),
                    fixture("llava-bench/predictions.jsonl"), 200), client, RunManifest.start("eval judge"));
            assertThat(server.requestCount()).isEqualTo(5);
            assertThat(server.answeredCount()).isEqualTo(4);
            assertThat(server.received()).anyMatch(r -> r.body().contains("[Assistant 2]\\n\\n\\n[End of Assistant 2]"));
        }
        // conv: reference (8 + 10) / 2, model (6 + 2) / 2; complex is unparsable: (-1, -1); all: 26 and 16
        Map<String, JudgeReport.Score> by = byName(report);
        assertThat(by.keySet()).containsExactly("conv", "detail", "complex", "all");
        assertThat(by.get("conv").score()).isCloseTo(100.0 * 4 / 9, within(1e-9));
        assertThat(by.get("conv").referenceScore()).isCloseTo(90.0, within(1e-9));
        assertThat(by.get("conv").modelScore()).isCloseTo(40.0, within(1e-9));
        assertThat(by.get("detail").score()).isCloseTo(100.0, within(1e-9));
        assertThat(by.get("complex").score()).isCloseTo(100.0, within(1e-9));
        assertThat(by.get("complex").parseFailures()).isEqualTo(1);
        assertThat(by.get("all").score()).isCloseTo(100.0 * 16 / 26, within(1e-9));
        assertThat(by.get("all").ci95()).isNotNull();
        assertThat(by.get("all").ci95().low()).isLessThanOrEqualTo(by.get("all").ci95().high());
        assertThat(by.get("detail").ci95().low()).isEqualTo(100.0); // one item: every replicate is the same
        assertThat(report.parseFailures()).isEqualTo(1);
        assertThat(report.missingPredictions()).isEqualTo(1);
        assertThat(report.unknownPredictions()).isEqualTo(1);
        assertThat(report.calls()).isEqualTo(4);
        assertThat(report.promptTokens()).isPositive();

        Path out = tmp.resolve("out-llava-bench");
        List<String> reviews = Files.readAllLines(out.resolve("reviews.jsonl"));
        assertThat(reviews).hasSize(4);
        JsonNode third = Json.mapper().readTree(reviews.get(2));
        assertThat(third.path("question_id").asText()).isEqualTo("2");
        assertThat(third.path("scores").path("parsed").asBoolean()).isFalse();
        assertThat(third.path("scores").path("model").asDouble()).isEqualTo(-1.0);
        JsonNode scores = Json.mapper().readTree(out.resolve("scores.json").toFile());
        assertThat(scores.path("parse_failures").asInt()).isEqualTo(1);
        assertThat(scores.path("scores").get(3).path("name").asText()).isEqualTo("all");
        JsonNode manifest = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.path("judge").path("model").asText()).isEqualTo("gpt-4o");
        assertThat(manifest.path("hashes").path("judge_prompt").asText()).isEqualTo(JudgeRun.promptHash(JudgeBenchmark.LLAVA_BENCH));
        assertThat(manifest.path("counts").path("parse_failures").asInt()).isEqualTo(1);
        assertThat(manifest.path("tokens").path("prompt").asLong()).isEqualTo(report.promptTokens());
        assertThat(Files.readString(out.resolve("manifest.json"))).doesNotContain("sk-test");
    }

    @Test
    void theSameInputAndSeedGiveTheSameScores() throws IOException {
        byte[][] runs = new byte[2][];
        for (int i = 0; i < 2; i++) {
            try (LoopbackChatServer server = LoopbackChatServer.start(); ChatClient client = client(server)) {
                server.respondWith(r -> lastUserText(r).contains("dog") ? "7 5\nok" : "6 6\nok");
                JudgeRun.execute(job(JudgeBenchmark.LLAVA_BENCH, fixture("llava-bench"), fixture("llava-bench/predictions.jsonl"),
                        300), client, RunManifest.start("eval judge"));
            }
            Path out = tmp.resolve("out-llava-bench");
            runs[i] = (Files.readString(out.resolve("scores.json")) + Files.readString(out.resolve("reviews.jsonl"))).getBytes();
        }
        assertThat(runs[1]).isEqualTo(runs[0]);
    }

    @Test
    void mmVetRetriesWithRisingTemperatureThenScoresZero() throws IOException {
        JudgeReport report;
        try (LoopbackChatServer server = LoopbackChatServer.start(); ChatClient client = client(server)) {
            server.respondWith(r -> {
                String t = lastUserText(r);
                return t.contains("QZ-alpha") ? "1.0" : t.contains("QZ-beta") ? "0.5" : "N/A";
            });
            report = JudgeRun.execute(job(JudgeBenchmark.MM_VET, fixture("mm-vet"), fixture("mm-vet/results.json"), 0),
                    client, RunManifest.start("eval judge"));
            List<Double> gammaTemperatures = server.received().stream().map(r -> {
                try {
                    return Json.mapper().readTree(r.body());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).filter(b -> lastUserText(b).contains("QZ-gamma")).map(b -> b.path("temperature").asDouble()).sorted().toList();
            assertThat(gammaTemperatures).containsExactly(0.0, 0.0, 0.5, 1.0, 1.5);
        }
        Map<String, JudgeReport.Score> by = byName(report);
        assertThat(by.keySet()).containsExactly("total", "math", "ocr", "rec");
        assertThat(by.get("total").score()).isCloseTo(50.0, within(1e-9));
        assertThat(by.get("rec").score()).isCloseTo(50.0, within(1e-9));
        assertThat(by.get("ocr").score()).isCloseTo(75.0, within(1e-9));
        assertThat(by.get("math").score()).isCloseTo(50.0, within(1e-9));
        assertThat(by.get("rec").parseFailures()).isEqualTo(1);
        assertThat(by.get("total").ci95()).isNull();
        assertThat(report.parseFailures()).isEqualTo(1);
        assertThat(report.calls()).isEqualTo(7);
    }

    @Test
    void contextualCountsYesAndDropsRowsWithoutReference() throws IOException {
        JudgeReport report;
        try (LoopbackChatServer server = LoopbackChatServer.start(); ChatClient client = client(server)) {
            server.respondWith(r -> {
                String t = lastUserText(r);
                return t.contains("clock") ? "Judgement: Yes" : t.contains("missing") ? "Both items are missing.\nJudgement: No" : "No";
            });
            report = JudgeRun.execute(job(JudgeBenchmark.CONTEXTUAL, fixture("contextual"), fixture("contextual/predictions.jsonl"),
                    100), client, RunManifest.start("eval judge"));
        }
        Map<String, JudgeReport.Score> by = byName(report);
        assertThat(by.get("all").score()).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(by.get("time").score()).isEqualTo(100.0);
        assertThat(by.get("shopping").score()).isEqualTo(0.0);
        assertThat(report.droppedItems()).isEqualTo(1);
        assertThat(report.parseFailures()).isEqualTo(1); // the bare "No" has no "Judgement:"
        assertThat(by.get("web").parseFailures()).isEqualTo(1);
        assertThat(report.items()).isEqualTo(3);
    }

    @Test
    void aJudgeThatRefusesStopsTheRunWithoutScores() {
        try (LoopbackChatServer server = LoopbackChatServer.start(); ChatClient client = client(server)) {
            server.faults(r -> Fault.UNAUTHORIZED);
            assertThatThrownBy(() -> JudgeRun.execute(job(JudgeBenchmark.CONTEXTUAL, fixture("contextual"),
                    fixture("contextual/predictions.jsonl"), 0), client, RunManifest.start("eval judge")))
                    .isInstanceOf(LlmException.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(tmp.resolve("out-contextual").resolve("scores.json")).doesNotExist();
        assertThat(tmp.resolve("out-contextual").resolve("manifest.json")).doesNotExist();
    }

    private static Map<String, JudgeReport.Score> byName(JudgeReport report) {
        Map<String, JudgeReport.Score> m = new java.util.LinkedHashMap<>();
        report.scores().forEach(s -> m.put(s.name(), s));
        return m;
    }
}
