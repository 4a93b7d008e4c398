package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.io.Json;

/** {@code vapr eval score} through the real command line, on small POPE files in the official format. */
class EvalCommandTest {
    @TempDir
    Path tmp;
    Path random;
    Path adversarial;
    Path answersRandom;
    Path answersAdversarial;

    @BeforeEach
    void writeFiles() throws IOException {
        random = write("coco_pope_random.json", """
                {"question_id": 1, "image": "a.jpg", "text": "Is there a dog in the image?", "label": "yes"}
                {"question_id": 2, "image": "a.jpg", "text": "Is there a cat in the image?", "label": "no"}
                {"question_id": 3, "image": "b.jpg", "text": "Is there a person in the image?", "label": "yes"}
                {"question_id": 4, "image": "b.jpg", "text": "Is there a giraffe in the image?", "label": "no"}
                """);
        adversarial = write("coco_pope_adversarial.json", """
                {"question_id": 1, "image": "c.jpg", "text": "Is there a chair in the image?", "label": "yes"}
                {"question_id": 2, "image": "c.jpg", "text": "Is there a table in the image?", "label": "no"}
                """);
        // official: yes, no, yes, yes -> random accuracy 3/4; lmms-eval: -, -, yes, yes -> 1/4
        answersRandom = write("answers_random.jsonl", """
                {"question_id": 1, "text": "Yes, there is a dog.", "model_id": "m"}
                {"question_id": 2, "text": "There is no cat in the image.", "model_id": "m"}
                {"question_id": 3, "text": "yes", "model_id": "m"}
                {"question_id": 4, "text": "Yes", "model_id": "m"}
                """);
        // question 2 missing, question 7 unknown
        answersAdversarial = write("answers_adversarial.jsonl", """
                {"question_id": 1, "text": "Yes"}
                {"question_id": 7, "text": "No"}
                """);
    }

    private Path write(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private CliRun score(String... extra) {
        String[] base = {"eval", "score", "--benchmark", "pope", "--data", random.toString(), adversarial.toString(),
            "--predictions", answersRandom.toString(), answersAdversarial.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void aNegativeBootstrapIsAUsageErrorInEveryEvalCommand() {
        CliRun scored = score("--bootstrap", "-1");
        assertThat(scored.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(scored.err()).contains("--bootstrap must be 0 or more, got -1");
        CliRun run = CliRun.of("eval", "run", "--benchmark", "pope", "--data", random.toString(), "--model",
                tmp.resolve("no-model").toString(), "--out", tmp.resolve("run").toString(), "--bootstrap", "-5");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--bootstrap must be 0 or more, got -5");
        CliRun judged = CliRun.of("eval", "judge", "--benchmark", "mmvet", "--data", random.toString(), "--predictions",
                answersRandom.toString(), "--out", tmp.resolve("judge").toString(), "--bootstrap", "-2");
        assertThat(judged.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(judged.err()).contains("--bootstrap must be 0 or more, got -2");
    }

    @Test
    void scoresPrintsATableAndWritesJsonAndItems() throws IOException {
        Path json = tmp.resolve("out/scores.json");
        Path items = tmp.resolve("out/items.jsonl");
        CliRun r = score("--json", json.toString(), "--items", items.toString(), "--bootstrap", "200", "--seed", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("pope (parser: official): 6 items")
                .containsPattern("random\\s+75\\.00 \\[")
                .contains("missing predictions: 1 (scored wrong)").contains("unknown question ids: 1")
                .contains("bootstrap: 200 item resamples, seed 3");
        JsonNode report = Json.mapper().readTree(json.toFile());
        assertThat(report.get("benchmark").asText()).isEqualTo("pope");
        assertThat(report.get("parser").asText()).isEqualTo("official");
        assertThat(report.at("/counts/missing_predictions").asInt()).isEqualTo(1);
        assertThat(report.at("/bootstrap/samples").asInt()).isEqualTo(200);
        JsonNode acc = null;
        for (JsonNode row : report.get("scores")) {
            if (row.get("name").asText().equals("random/accuracy")) {
                acc = row;
            }
        }
        assertThat(acc).isNotNull();
        assertThat(acc.get("value").asDouble()).isEqualTo(0.75);
        assertThat(acc.get("ci_low").asDouble()).isLessThanOrEqualTo(0.75);
        assertThat(acc.get("ci_high").asDouble()).isGreaterThanOrEqualTo(0.75);
        assertThat(Files.readAllLines(items)).hasSize(6).first().asString()
                .contains("\"parsed\":\"yes\"").contains("\"split\":\"random\"");
    }

    @Test
    void sameInputAndSeedGiveTheSameBytes() throws IOException {
        Path a = tmp.resolve("a.json");
        Path b = tmp.resolve("b.json");
        assertThat(score("--json", a.toString(), "--bootstrap", "100").exitCode()).isZero();
        assertThat(score("--json", b.toString(), "--bootstrap", "100").exitCode()).isZero();
        assertThat(Files.readString(a).replace("a.json", "")).isEqualTo(Files.readString(b).replace("b.json", ""));
    }

    @Test
    void lmmsEvalParserAndPairedComparison() throws IOException {
        CliRun r = score("--parser", "lmms-eval", "--bootstrap", "0");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("parser: lmms-eval").containsPattern("random\\s+25\\.00\\s");
        Path better = write("better.jsonl", """
                {"question_id": 1, "text": "Yes"}
                {"question_id": 2, "text": "No"}
                {"question_id": 3, "text": "Yes"}
                {"question_id": 4, "text": "No"}
                """);
        Path betterAdv = write("better_adv.jsonl", "{\"question_id\": 1, \"text\": \"Yes\"}\n{\"question_id\": 2, \"text\": \"No\"}\n");
        CliRun c = score("--compare", better.toString(), betterAdv.toString(), "--bootstrap", "100");
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out()).contains("paired comparison, second minus first").containsPattern("random/accuracy\\s+75\\.00\\s+100\\.00\\s+25\\.00");
    }

    @Test
    void optionTextParserCreditsAnswersNamingTheOptionAndTheReportSaysWhichParserRead() throws IOException {
        Path seed = write("SEED-Bench.json", """
                {"questions": [
                  {"question_id": "1", "question": "What color is the square?", "choice_a": "Yellow", "choice_b": "Red",
                   "choice_c": "Blue", "choice_d": "Purple", "answer": "B", "question_type_id": 1, "data_type": "image", "data_id": "a.png"},
                  {"question_id": "2", "question": "How many circles are there?", "choice_a": "1", "choice_b": "10",
                   "choice_c": "2", "choice_d": "0", "answer": "A", "question_type_id": 2, "data_type": "image", "data_id": "b.png"}
                ], "question_type": {"color": 1, "counting": 2}}
                """);
        Path answers = write("seed_answers.jsonl", "{\"question_id\": \"1\", \"text\": \"Red\"}\n{\"question_id\": \"2\", \"text\": \"10\"}\n");
        Path json = tmp.resolve("text.json");
        CliRun text = CliRun.of("eval", "score", "--benchmark", "seed", "--parser", "option-text", "--data", seed.toString(),
                "--predictions", answers.toString(), "--bootstrap", "0", "--json", json.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("seed (parser: option-text)").containsPattern("accuracy\\s+50\\.00");
        assertThat(Json.mapper().readTree(json.toFile()).get("parser").asText()).isEqualTo("option-text");
        CliRun official = CliRun.of("eval", "score", "--benchmark", "seed", "--data", seed.toString(),
                "--predictions", answers.toString(), "--bootstrap", "0");
        assertThat(official.out()).contains("seed (parser: official)").containsPattern("accuracy\\s+0\\.00");
    }

    @Test
    void usageErrorsExitWith2() {
        CliRun unknown = CliRun.of("eval", "score", "--benchmark", "vqav2", "--data", random.toString(), "--predictions", answersRandom.toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("unknown benchmark 'vqav2'");
        CliRun parser = CliRun.of("eval", "score", "--benchmark", "seed", "--parser", "lmms-eval", "--data", random.toString(),
                "--predictions", answersRandom.toString());
        assertThat(parser.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(parser.err()).contains("unknown multiple-choice parser 'lmms-eval' (expected official or option-text) for --benchmark seed");
        CliRun popeText = CliRun.of("eval", "score", "--benchmark", "pope", "--parser", "option-text", "--data", random.toString(),
                "--predictions", answersRandom.toString());
        assertThat(popeText.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(popeText.err()).contains("unknown POPE parser 'option-text'");
        CliRun count = CliRun.of("eval", "score", "--benchmark", "pope", "--data", random.toString(), adversarial.toString(),
                random.toString(), "--predictions", answersRandom.toString(), answersAdversarial.toString());
        assertThat(count.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(count.err()).contains("one per data file");
    }

    @Test
    void badPredictionExitsWith3NamingFileLineAndField() throws IOException {
        Path bad = write("bad.jsonl", "{\"question_id\": 1, \"text\": \"Yes\"}\n{\"question_id\": 2, \"text\": [\"No\"]}\n");
        CliRun r = CliRun.of("eval", "score", "--benchmark", "pope", "--data", random.toString(), "--predictions", bad.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(r.err().strip()).isEqualTo("vapr score: " + bad + ": line 2: field 'text': expected a string, got an array");
    }

    @Test
    void aDataFolderStandsForItsJsonFilesInNameOrder() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("pope"));
        Files.copy(random, dir.resolve(random.getFileName()));
        Files.copy(adversarial, dir.resolve(adversarial.getFileName()));
        // name order: adversarial, then random; answer files paired in that order
        CliRun r = CliRun.of("eval", "score", "--benchmark", "pope", "--data", dir.toString(), "--predictions",
                answersAdversarial.toString(), answersRandom.toString(), "--bootstrap", "0");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("6 items").containsPattern("random\\s+75\\.00\\s").containsPattern("adversarial\\s+50\\.00\\s");
    }

    @Test
    void evalWithoutSubcommandListsScore() {
        CliRun r = CliRun.of("eval");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("score");
    }
}
