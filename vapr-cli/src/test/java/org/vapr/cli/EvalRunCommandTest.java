package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.io.Json;
import org.vapr.core.manifest.RunManifest;
import org.vapr.train.model.VlmConfig;
import org.vapr.train.model.WorldVlm;
import org.vapr.train.text.WordTokenizer;

/**
 * {@code vapr eval run} through the real command line: a tiny untrained {@link WorldVlm} answers a small world POPE
 * benchmark and a held-out world's short questions; option errors are usage errors.
 */
class EvalRunCommandTest {
    @TempDir
    static Path tmp;
    static Path pope;
    static Path world;
    static Path model;

    @BeforeAll
    static void fixtures() throws IOException {
        pope = tmp.resolve("pope");
        world = tmp.resolve("world");
        assertThat(CliRun.of("synth", "--benchmark", "pope", "--out", pope.toString(), "--scenes", "4", "--seed", "5", "-q")
                .exitCode()).isZero();
        assertThat(CliRun.of("synth", "--out", world.toString(), "--samples", "40", "--seed", "9", "-q").exitCode()).isZero();
        List<String> texts = new ArrayList<>();
        try (Stream<String> lines = Files.lines(pope.resolve("pope_random.jsonl"))) {
            lines.forEach(texts::add);
        }
        texts.add("yes no Yes No Answer the question using a single word or phrase.");
        WordTokenizer tokenizer = WordTokenizer.build(texts, 1);
        model = tmp.resolve("model");
        try (WorldVlm m = WorldVlm.create(new VlmConfig(32, 16, 16, 1, 2, 32, 0, tokenizer.size(), 64, 10000, 1e-5, 0.0, true),
                tokenizer, 3)) {
            m.save(model);
        }
    }

    private static List<String> popeFiles() {
        return List.of(pope.resolve("pope_random.jsonl").toString(), pope.resolve("pope_popular.jsonl").toString(),
                pope.resolve("pope_adversarial.jsonl").toString());
    }

    private static CliRun runPope(Path out, String batchSize, String bootstrap, String... extra) {
        List<String> args = new ArrayList<>(List.of("eval", "run", "--benchmark", "pope", "--data"));
        args.addAll(popeFiles());
        args.addAll(List.of("--model", model.toString(), "--out", out.toString(), "--max-new-tokens", "3", "--batch-size", batchSize,
                "--threads", "1", "--bootstrap", bootstrap));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> s = Files.lines(file)) {
            return s.filter(l -> !l.isBlank()).count();
        }
    }

    @Test
    void popeRunWritesAnswerFilesItemsScoresAndManifestDeterministically() throws IOException {
        Path a = tmp.resolve("run-a");
        Path b = tmp.resolve("run-b");
        CliRun first = runPope(a, "5", "50");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("pope (parser: official)", "questions/s", "predictions: ");
        CliRun second = runPope(b, "7", "50");
        assertThat(second.exitCode()).as(second.err()).isZero();

        long total = 0;
        for (String split : List.of("random", "popular", "adversarial")) {
            Path questions = pope.resolve("pope_" + split + ".jsonl");
            Path answers = a.resolve("predictions_pope_" + split + ".jsonl");
            assertThat(lines(answers)).isEqualTo(lines(questions));
            total += lines(questions);
            JsonNode line = Json.mapper().readTree(Files.readAllLines(answers).get(0));
            assertThat(line.get("question_id").isNumber()).isTrue();
            assertThat(line.get("prompt").asText()).endsWith("\nAnswer the question using a single word or phrase.");
            assertThat(line.get("model_id").asText()).isEqualTo("model");
            assertThat(line.has("text")).isTrue();
            // the batch size changes nothing
            assertThat(Files.readString(answers)).isEqualTo(Files.readString(b.resolve(answers.getFileName())));
        }
        assertThat(lines(a.resolve("items.jsonl"))).isEqualTo(total);
        assertThat(Files.readString(a.resolve("items.jsonl"))).isEqualTo(Files.readString(b.resolve("items.jsonl")));
        assertThat(Files.readString(a.resolve("scores.json"))).isEqualTo(Files.readString(b.resolve("scores.json")));

        JsonNode manifestA = Json.mapper().readTree(a.resolve("manifest.json").toFile());
        JsonNode manifestB = Json.mapper().readTree(b.resolve("manifest.json").toFile());
        assertThat(manifestA.path("counts").path("items").asLong()).isEqualTo(total);
        assertThat(manifestA.path("backend").path("kind").asText()).isEqualTo("in-process");
        assertThat(manifestA.path("throughput").path("questions_per_second").asDouble()).isPositive();
        assertThat(manifestA.path("inputs").toString()).contains("model_weights");
        assertThat(withoutRunSpecifics(manifestA)).isEqualTo(withoutRunSpecifics(manifestB));

        // the scores recompute from the answer files with vapr eval score
        Path rescored = tmp.resolve("rescored.json");
        Path rescoredItems = tmp.resolve("rescored-items.jsonl");
        List<String> args = new ArrayList<>(List.of("eval", "score", "--benchmark", "pope", "--data"));
        args.addAll(popeFiles());
        args.add("--predictions");
        for (String split : List.of("random", "popular", "adversarial")) {
            args.add(a.resolve("predictions_pope_" + split + ".jsonl").toString());
        }
        args.addAll(List.of("--bootstrap", "50", "--json", rescored.toString(), "--items", rescoredItems.toString()));
        CliRun score = CliRun.of(args.toArray(String[]::new));
        assertThat(score.exitCode()).as(score.err()).isZero();
        assertThat(Json.mapper().readTree(rescored.toFile()).get("scores"))
                .isEqualTo(Json.mapper().readTree(a.resolve("scores.json").toFile()).get("scores"));
        assertThat(Files.readString(rescoredItems)).isEqualTo(Files.readString(a.resolve("items.jsonl")));
    }

    private static JsonNode withoutRunSpecifics(JsonNode manifest) {
        ObjectNode m = manifest.deepCopy();
        RunManifest.TIMING_KEYS.forEach(m::remove);
        m.remove("throughput");
        m.remove("options");
        ObjectNode backend = (ObjectNode) m.get("backend");
        backend.remove("batch_size");
        return m;
    }

    @Test
    void limitAsksTheFirstItemsOfEachFile() throws IOException {
        Path out = tmp.resolve("limited");
        CliRun r = runPope(out, "64", "0", "--limit", "3", "--no-short-answer");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(lines(out.resolve("predictions_pope_random.jsonl"))).isEqualTo(3);
        assertThat(lines(out.resolve("items.jsonl"))).isEqualTo(9);
        JsonNode line = Json.mapper().readTree(Files.readAllLines(out.resolve("predictions_pope_random.jsonl")).get(0));
        assertThat(line.get("prompt").asText()).doesNotContain("single word");
    }

    @Test
    void worldQaReportsPerCategoryAccuracyJudgedByTheOracle() throws IOException {
        Path out = tmp.resolve("world-qa");
        CliRun r = CliRun.of("eval", "run", "--benchmark", "world-qa", "--data", world.resolve("llava.json").toString(),
                "--model", model.toString(), "--out", out.toString(), "--max-new-tokens", "3", "--bootstrap", "20");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode scores = Json.mapper().readTree(out.resolve("scores.json").toFile());
        List<String> names = new ArrayList<>();
        scores.get("scores").forEach(s -> names.add(s.get("name").asText()));
        assertThat(names).contains("accuracy", "exact_match", "oracle_decided", "yes_ratio");
        assertThat(names).anyMatch(n -> n.startsWith("category/"));
        assertThat(names).noneMatch(n -> n.equals("category/unlabeled"));
        List<String> items = Files.readAllLines(out.resolve("items.jsonl"));
        assertThat(items).isNotEmpty();
        JsonNode item = Json.mapper().readTree(items.get(0));
        assertThat(item.get("question_id").asText()).contains("#");
        assertThat(item.get("verdict").asText()).isIn("true", "false", "unknown");
        // an untrained model's answers are word salad: the oracle cannot parse them, so they are judged by exact match
        assertThat(items).allMatch(l -> l.contains("\"verdict\":"));
        assertThat(Json.mapper().readTree(out.resolve("manifest.json").toFile()).path("inputs").toString()).contains("labels");
        CliRun noScenes = CliRun.of("eval", "run", "--benchmark", "world-qa", "--data", world.resolve("llava.json").toString(),
                "--model", model.toString(), "--out", tmp.resolve("wq2").toString(), "--scenes", tmp.resolve("none.jsonl").toString());
        assertThat(noScenes.exitCode()).isEqualTo(ExitCode.INPUT);
    }

    @Test
    void optionTextReadsAnEndpointThatNamesTheOptionInsteadOfItsLetter() throws IOException {
        Path mc = tmp.resolve("mc");
        assertThat(CliRun.of("synth", "--benchmark", "mc", "--out", mc.toString(), "--scenes", "12", "--seed", "4", "-q")
                .exitCode()).isZero();
        JsonNode data = Json.mapper().readTree(mc.resolve("mc.json").toFile());
        long goldA = 0;
        for (JsonNode q : data.get("questions")) {
            goldA += q.get("answer").asText().equals("A") ? 1 : 0;
        }
        java.util.regex.Pattern optionA = java.util.regex.Pattern.compile("\\\\nA\\. ([^\\\\\"]+)");
        for (String parser : List.of("official", "option-text")) {
            Path out = tmp.resolve("mc-" + parser);
            try (org.vapr.llm.loopback.LoopbackChatServer server = org.vapr.llm.loopback.LoopbackChatServer.start()) {
                // always names option A's text, never its letter (the request is JSON: a newline reads \\n)
                server.respondWith(r -> {
                    java.util.regex.Matcher m = optionA.matcher(r.toString());
                    return m.find() ? m.group(1) : "?";
                });
                CliRun r = CliRun.of("eval", "run", "--benchmark", "seed", "--data", mc.resolve("mc.json").toString(),
                        "--endpoint", server.baseUrl().toString(), "--model-name", "m", "--out", out.toString(),
                        "--bootstrap", "0", "--parser", parser);
                assertThat(r.exitCode()).as(r.err()).isZero();
            }
            JsonNode scores = Json.mapper().readTree(out.resolve("scores.json").toFile());
            assertThat(scores.get("parser").asText()).isEqualTo(parser);
            assertThat(Json.mapper().readTree(out.resolve("manifest.json").toFile()).at("/prompt/parser").asText()).isEqualTo(parser);
            double accuracy = scores.get("scores").get(0).get("value").asDouble();
            assertThat(accuracy).as(parser).isEqualTo(parser.equals("official") ? 0.0 : goldA / (double) data.get("questions").size());
        }
        assertThat(goldA).isPositive();
    }

    @Test
    void anEndpointAnswersThroughTheCommandLine() throws IOException {
        Path out = tmp.resolve("endpoint");
        try (org.vapr.llm.loopback.LoopbackChatServer server = org.vapr.llm.loopback.LoopbackChatServer.start()) {
            server.respondWith(r -> r.toString().contains("square") ? "Yes" : "No");
            CliRun r = CliRun.of("eval", "run", "--benchmark", "pope", "--data", pope.resolve("pope_random.jsonl").toString(),
                    "--endpoint", server.baseUrl().toString(), "--model-name", "llava-v1.5-7b", "--out", out.toString(),
                    "--concurrency", "4", "--bootstrap", "0");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(server.answeredCount()).isEqualTo(lines(pope.resolve("pope_random.jsonl")));
            assertThat(server.maxInFlight()).isLessThanOrEqualTo(4);
        }
        JsonNode manifest = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.path("backend").path("kind").asText()).isEqualTo("endpoint");
        assertThat(manifest.path("backend").path("model_name").asText()).isEqualTo("llava-v1.5-7b");
        List<String> answers = Files.readAllLines(out.resolve("predictions.jsonl"));
        List<String> questions = Files.readAllLines(pope.resolve("pope_random.jsonl"));
        for (int i = 0; i < answers.size(); i++) {
            JsonNode a = Json.mapper().readTree(answers.get(i));
            JsonNode q = Json.mapper().readTree(questions.get(i));
            assertThat(a.get("question_id")).isEqualTo(q.get("question_id"));
            assertThat(a.get("text").asText()).isEqualTo(q.get("text").asText().contains("square") ? "Yes" : "No");
            assertThat(a.get("model_id").asText()).isEqualTo("llava-v1.5-7b");
        }
    }

    @Test
    void badOptionsAreUsageErrorsAndMissingFilesInputErrors() {
        String data = pope.resolve("pope_random.jsonl").toString();
        String out = tmp.resolve("bad").toString();
        assertThat(CliRun.of("eval", "run", "--benchmark", "pope", "--data", data, "--out", out).exitCode())
                .isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("eval", "run", "--benchmark", "pope", "--data", data, "--out", out, "--model", model.toString(),
                "--endpoint", "http://127.0.0.1:9/v1", "--model-name", "m").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("eval", "run", "--benchmark", "pope", "--data", data, "--out", out, "--endpoint",
                "http://127.0.0.1:9/v1").err()).contains("--model-name");
        assertThat(CliRun.of("eval", "run", "--benchmark", "nope", "--data", data, "--out", out, "--model", model.toString())
                .exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("eval", "run", "--benchmark", "pope", "--data", data, "--out", out, "--model", model.toString(),
                "--batch-size", "0").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("eval", "run", "--benchmark", "seed", "--data", data, "--out", out, "--model", model.toString(),
                "--parser", "lmms-eval").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("eval", "run", "--benchmark", "pope", "--data", data, "--out", out, "--model", model.toString(),
                "--parser", "option-text").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("eval", "run", "--benchmark", "pope", "--data", data, "--out", out, "--model", model.toString(),
                "--world-turns", "all").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("eval", "run", "--benchmark", "pope", "--data", data, "--out", out, "--model",
                tmp.resolve("no-model").toString()).exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(CliRun.of("eval", "run", "--benchmark", "pope", "--data", tmp.resolve("missing.jsonl").toString(), "--out", out,
                "--model", model.toString()).exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(CliRun.of("eval", "run", "--benchmark", "pope", "--data", data, "--images", tmp.resolve("elsewhere").toString(),
                "--out", out, "--model", model.toString()).exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(CliRun.of("eval", "score", "--benchmark", "world-qa", "--data", data, "--predictions", data).exitCode())
                .isEqualTo(ExitCode.USAGE);
    }
}
