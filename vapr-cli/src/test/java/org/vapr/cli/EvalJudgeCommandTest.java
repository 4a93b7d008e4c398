package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.io.Json;
import org.vapr.llm.loopback.Fault;
import org.vapr.llm.loopback.LoopbackChatServer;

class EvalJudgeCommandTest {
    private static final String KEY = "sk-judge-secret-123";

    @TempDir
    Path tmp;
    Path bench;
    Path predictions;

    @BeforeEach
    void officialLayout() throws IOException {
        bench = Files.createDirectories(tmp.resolve("llava-bench-in-the-wild"));
        Files.writeString(bench.resolve("questions.jsonl"), """
                {"image": "001.jpg", "text": "What is the dog doing?", "category": "conv", "question_id": 0}
                {"image": "001.jpg", "text": "Describe the image in detail.", "category": "detail", "question_id": 1}
                {"image": "002.jpg", "text": "What might the cat be thinking?", "category": "complex", "question_id": 2}
                """);
        Files.writeString(bench.resolve("answers_gpt4.jsonl"), """
                {"question_id": 0, "text": "It is catching a frisbee.", "answer_id": "a0", "model_id": "gpt-4-0314", "metadata": {}}
                {"question_id": 1, "text": "A dog leaps for a frisbee in a park.", "answer_id": "a1", "model_id": "gpt-4-0314", "metadata": {}}
                {"question_id": 2, "text": "That it would like to drive.", "answer_id": "a2", "model_id": "gpt-4-0314", "metadata": {}}
                """);
        Files.writeString(bench.resolve("context.jsonl"), """
                {"id": "001", "image": "001.jpg", "caption": "A dog catches a frisbee in a park."}
                {"id": "002", "image": "002.jpg", "caption": ["A cat sits at the wheel of a car."]}
                """);
        predictions = tmp.resolve("llava-v1.5-7b.jsonl");
        Files.writeString(predictions, """
                {"question_id": 0, "prompt": "What is the dog doing?", "text": "Playing.", "answer_id": "m0", "model_id": "m", "metadata": {}}
                {"question_id": 1, "prompt": "Describe the image in detail.", "text": "A dog and a frisbee.", "answer_id": "m1", "model_id": "m", "metadata": {}}
                {"question_id": 2, "prompt": "What might the cat be thinking?", "text": "It is hungry.", "answer_id": "m2", "model_id": "m", "metadata": {}}
                """);
    }

    static CliRun run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CommandLineFactory.create(new PrintWriter(out, true), new PrintWriter(err, true), env).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    String[] args(LoopbackChatServer server, Path out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("eval", "judge", "--benchmark", "llava-bench", "--data", bench.toString(),
                "--predictions", predictions.toString(), "--out", out.toString(), "--base-url", server.baseUrl().toString(),
                "--judge-model", "gpt-4o-2024-08-06", "--concurrency", "2", "--retry-delay-scale", "0"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void judgesWritesTheThreeFilesAndPrintsTheTable() throws IOException {
        Path out = tmp.resolve("reviews");
        CliRun r;
        try (LoopbackChatServer server = LoopbackChatServer.start()) {
            server.respondWith(q -> {
                String t = q.toString();
                return t.contains("dog doing") ? "8 4\nAssistant 2 is terse." : t.contains("in detail") ? "10 8\nGood."
                        : "Assistant 1 is better.";
            });
            server.enqueue(Fault.SERVER_ERROR);
            r = run(Map.of("OPENAI_API_KEY", KEY), args(server, out, "--bootstrap", "100", "--seed", "3"));
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(server.requestCount()).isEqualTo(4); // one 500, retried
            assertThat(server.received()).allMatch(x -> ("Bearer " + KEY).equals(x.authorization()));
        }
        // all: reference 8 + 10 - 1 = 17, model 4 + 8 - 1 = 11
        JsonNode scores = Json.mapper().readTree(out.resolve("scores.json").toFile());
        JsonNode all = scores.path("scores").get(3);
        assertThat(all.path("name").asText()).isEqualTo("all");
        assertThat(all.path("score").asDouble()).isCloseTo(100.0 * 11 / 17, within(1e-9));
        assertThat(scores.path("scores").get(0).path("score").asDouble()).isCloseTo(50.0, within(1e-9));
        assertThat(scores.path("parse_failures").asInt()).isEqualTo(1);
        assertThat(all.path("ci95").path("low").isNumber()).isTrue();
        assertThat(Files.readAllLines(out.resolve("reviews.jsonl"))).hasSize(3);
        JsonNode manifest = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.path("judge").path("model").asText()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(manifest.path("judge").path("base_url").asText()).startsWith("http://127.0.0.1:");
        assertThat(manifest.path("hashes").path("judge_prompt").asText()).hasSize(64);
        assertThat(r.out()).contains("LLaVA-Bench (in-the-wild)").contains("conv").contains("all").contains("64.7")
                .contains("1 parse failures");
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(KEY);
            }
        }
        assertThat(r.out() + r.err()).doesNotContain(KEY);
    }

    @Test
    void helpListsTheOptionsAndExitCodes() {
        CliRun help = run(Map.of(), "eval", "judge", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out().replaceAll("\\s+", " ")).contains("--judge-model", "--base-url", "--rpm", "--bootstrap", "bootstrap 95% intervals",
                "OPENAI_API_KEY", "Exit codes:").doesNotContain("--retry-delay-scale");
    }

    @Test
    void aMissingKeyIsOneLineAndExitCode2() {
        CliRun r = run(Map.of(), "eval", "judge", "--benchmark", "mmvet", "--data", bench.toString(), "--predictions",
                predictions.toString(), "--out", tmp.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("OPENAI_API_KEY");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void aRefusingJudgeIsExitCode5AndBadInputsAreUsageOrInputErrors() {
        try (LoopbackChatServer server = LoopbackChatServer.start()) {
            server.faults(q -> Fault.UNAUTHORIZED);
            CliRun refused = run(Map.of("OPENAI_API_KEY", KEY), args(server, tmp.resolve("refused")));
            assertThat(refused.exitCode()).isEqualTo(ExitCode.REMOTE);
            assertThat(refused.err().strip().lines()).hasSize(1);
            assertThat(refused.err()).contains("401").doesNotContain(KEY);
            assertThat(tmp.resolve("refused").resolve("scores.json")).doesNotExist();

            Map<String, String> env = Map.of("OPENAI_API_KEY", KEY);
            assertThat(run(env, "eval", "judge", "--benchmark", "pope", "--data", bench.toString(), "--predictions",
                    predictions.toString(), "--out", tmp.resolve("y").toString()).exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(run(env, "eval", "judge", "--benchmark", "mmvet", "--data", tmp.resolve("none").toString(),
                    "--predictions", predictions.toString(), "--out", tmp.resolve("y").toString()).exitCode()).isEqualTo(ExitCode.INPUT);
            assertThat(run(env, "eval", "judge", "--benchmark", "mmvet", "--data", bench.toString(), "--predictions",
                    predictions.toString(), "--out", tmp.resolve("y").toString(), "--base-url", server.baseUrl().toString())
                    .exitCode()).isEqualTo(ExitCode.INPUT); // no mm-vet.json in the folder
            assertThat(server.requestCount()).isEqualTo(refusedRequests(server));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStoppedRunResumesFromItsJournalAndPaysOnlyForTheCallsNotAnswered() throws IOException {
        Path out = tmp.resolve("resumed");
        Map<String, String> env = Map.of("OPENAI_API_KEY", KEY);
        java.util.function.Function<JsonNode, String> reply = q -> q.toString().contains("dog doing") ? "8 4\nTerse."
                : q.toString().contains("in detail") ? "10 8\nGood." : "6 3\nOff.";
        try (LoopbackChatServer server = LoopbackChatServer.start()) {
            server.respondWith(reply::apply);
            // the judge refuses the cat question: the run stops with exit code 5 after answering the other two
            server.faults(q -> q.toString().contains("cat be thinking") ? Fault.UNAUTHORIZED : null);
            assertThat(run(env, args(server, out)).exitCode()).isEqualTo(ExitCode.REMOTE);
            assertThat(out.resolve("scores.json")).doesNotExist();
            assertThat(Files.readAllLines(out.resolve(EvalCommand.Judge.JOURNAL))).hasSize(3); // header + 2 answers
            assertThat(Files.readString(out.resolve(EvalCommand.Judge.JOURNAL))).doesNotContain(KEY);

            server.faults(q -> null);
            long before = server.requestCount();
            CliRun resumed = run(env, args(server, out));
            assertThat(resumed.exitCode()).as(resumed.err()).isZero();
            assertThat(server.requestCount() - before).isEqualTo(1); // only the cat question is asked again
            assertThat(resumed.out()).contains("judge calls: 1 made, 2 replayed");
            JsonNode manifest = Json.mapper().readTree(out.resolve("manifest.json").toFile());
            assertThat(manifest.path("counts").path("judge_calls_made").asLong()).isEqualTo(1);
            assertThat(manifest.path("counts").path("judge_calls_replayed").asLong()).isEqualTo(2);
            byte[] scores = Files.readAllBytes(out.resolve("scores.json"));
            // all: reference 8 + 10 + 6 = 24, model 4 + 8 + 3 = 15
            assertThat(Json.mapper().readTree(scores).path("scores").get(3).path("score").asDouble())
                    .isCloseTo(100.0 * 15 / 24, within(1e-9));

            // a changed prediction is asked again, the others are replayed, and the scores follow the new answer
            Files.writeString(predictions, Files.readString(predictions).replace("It is hungry.", "It wants to drive."));
            before = server.requestCount();
            CliRun changed = run(env, args(server, out));
            assertThat(changed.exitCode()).as(changed.err()).isZero();
            assertThat(server.requestCount() - before).isEqualTo(1);
            assertThat(Json.mapper().readTree(out.resolve("manifest.json").toFile()).path("counts")
                    .path("judge_calls_changed_request").asLong()).isEqualTo(1);

            // another judge model may not reuse the answers: one line naming the journal, exit code 3; --restart pays again
            before = server.requestCount();
            CliRun other = run(env, "eval", "judge", "--benchmark", "llava-bench", "--data", bench.toString(), "--predictions",
                    predictions.toString(), "--out", out.toString(), "--base-url", server.baseUrl().toString(),
                    "--judge-model", "gpt-4o-mini", "--retry-delay-scale", "0");
            assertThat(other.exitCode()).isEqualTo(ExitCode.INPUT);
            assertThat(other.err().strip().lines()).hasSize(1);
            assertThat(other.err()).contains(EvalCommand.Judge.JOURNAL).contains("judge_model").contains("--restart");
            assertThat(server.requestCount()).isEqualTo(before);
            CliRun restarted = run(env, "eval", "judge", "--benchmark", "llava-bench", "--data", bench.toString(), "--predictions",
                    predictions.toString(), "--out", out.toString(), "--base-url", server.baseUrl().toString(),
                    "--judge-model", "gpt-4o-mini", "--retry-delay-scale", "0", "--restart");
            assertThat(restarted.exitCode()).as(restarted.err()).isZero();
            assertThat(server.requestCount() - before).isEqualTo(3);
            assertThat(restarted.out()).contains("judge calls: 3 made, 0 replayed");
        }
    }

    private static long refusedRequests(LoopbackChatServer server) {
        return server.received().stream().filter(x -> x.fault() == Fault.UNAUTHORIZED).count();
    }
}
