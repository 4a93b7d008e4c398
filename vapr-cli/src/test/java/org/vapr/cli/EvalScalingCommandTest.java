package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.io.Json;

/**
 * {@code vapr eval scaling} through the real command line, on scores.json files that {@code vapr eval score} wrote
 * for four answer files of one POPE split: three "dataset sizes" and a reference model.
 */
class EvalScalingCommandTest {
    @TempDir
    Path tmp;
    Path data;

    @BeforeEach
    void writeData() throws IOException {
        data = write("coco_pope_random.json", """
                {"question_id": 1, "image": "a.jpg", "text": "Is there a dog in the image?", "label": "yes"}
                {"question_id": 2, "image": "a.jpg", "text": "Is there a cat in the image?", "label": "no"}
                {"question_id": 3, "image": "b.jpg", "text": "Is there a person in the image?", "label": "yes"}
                {"question_id": 4, "image": "b.jpg", "text": "Is there a giraffe in the image?", "label": "no"}
                """);
    }

    private Path write(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    /** Scores answers to questions 1–4 (y = "Yes", n = "No") into DIR/scores.json; returns DIR. */
    private Path scored(String name, String answers, String... extra) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < answers.length(); i++) {
            lines.append("{\"question_id\": ").append(i + 1).append(", \"text\": \"")
                    .append(answers.charAt(i) == 'y' ? "Yes" : "No").append("\"}\n");
        }
        Path answerFile = write(name + "/answers.jsonl", lines.toString());
        Path dir = answerFile.getParent();
        String[] base = {"eval", "score", "--benchmark", "pope", "--data", data.toString(), "--predictions",
            answerFile.toString(), "--json", dir.resolve("scores.json").toString(), "--bootstrap", "200"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return dir;
    }

    @Test
    void plotsEachSeriesBySizeWithIntervalsAndReferences() throws IOException {
        // gold y n y n: accuracy 2/4, 3/4, 4/4 for the three sizes; the reference says yes to all (2/4)
        Path small = scored("vapr-1k", "yyyy");
        Path mid = scored("vapr-3k", "ynyy");
        Path large = scored("vapr-10k", "ynyn");
        Path povid = scored("povid-10k", "yyyy");
        Path sft = scored("sft", "nnyn");
        Path out = tmp.resolve("plot");
        // points out of order: the curve is sorted by size
        CliRun r = CliRun.of("eval", "scaling", "--point", "VaPR:10K=" + large, "--point", "VaPR:1,000=" + small,
                "--point", "VaPR:3000=" + mid.resolve("scores.json"), "--point", "POVID-style:10k=" + povid,
                "--reference", "SFT=" + sft, "--score", "random/accuracy", "--log-x", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("pope random/accuracy (official parser)")
                .containsPattern("VaPR\\s+1,000\\s+50\\.0\\s+\\[0\\.0, 100\\.0\\]")
                .containsPattern("VaPR\\s+10,000\\s+100\\.0")
                .containsPattern("SFT\\s+reference\\s+75\\.0");

        JsonNode json = Json.mapper().readTree(out.resolve("scaling.json").toFile());
        assertThat(json.get("benchmark").asText()).isEqualTo("pope");
        assertThat(json.get("score").asText()).isEqualTo("random/accuracy");
        assertThat(json.get("scale").asText()).isEqualTo("fraction");
        JsonNode vapr = json.at("/curves/0");
        assertThat(vapr.get("name").asText()).isEqualTo("VaPR");
        assertThat(vapr.get("points").findValuesAsText("size")).containsExactly("1000", "3000", "10000");
        assertThat(vapr.at("/points/0/value").asDouble()).isEqualTo(0.5);
        assertThat(vapr.at("/points/1/value").asDouble()).isEqualTo(0.75);
        assertThat(vapr.at("/points/2/value").asDouble()).isEqualTo(1.0);
        // the interval is the one the scores file holds
        JsonNode midScores = Json.mapper().readTree(mid.resolve("scores.json").toFile());
        for (JsonNode row : midScores.get("scores")) {
            if (row.get("name").asText().equals("random/accuracy")) {
                assertThat(vapr.at("/points/1/ci_low").asDouble()).isCloseTo(row.get("ci_low").asDouble(), within(0.0));
                assertThat(vapr.at("/points/1/ci_high").asDouble()).isCloseTo(row.get("ci_high").asDouble(), within(0.0));
            }
        }
        assertThat(vapr.at("/points/1/source").asText()).isEqualTo(mid.resolve("scores.json").toString());
        assertThat(json.at("/curves/1/name").asText()).isEqualTo("POVID-style");
        assertThat(json.at("/curves/1/points/0/value").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/references/0/name").asText()).isEqualTo("SFT");
        assertThat(json.at("/references/0/value").asDouble()).isEqualTo(0.75);

        String html = Files.readString(out.resolve("scaling.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains(">1K<", ">3K<", ">10K<")
                .contains("POVID-style").contains("SFT").doesNotContain("<script");
        JsonNode manifest = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.at("/inputs/point~1VaPR~13000/sha256").asText()).hasSize(64);
        assertThat(manifest.at("/inputs/reference~1SFT/path").asText()).isEqualTo(sft.resolve("scores.json").toString());
        assertThat(manifest.at("/counts/points").asInt()).isEqualTo(4);
    }

    @Test
    void theHeadlineScoreIsTheDefault() throws IOException {
        Path a = scored("a", "ynnn");
        Path b = scored("b", "ynyn");
        Path out = tmp.resolve("plot");
        CliRun r = CliRun.of("eval", "scaling", "--point", "x:1=" + a, "--point", "x:2=" + b, "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = Json.mapper().readTree(out.resolve("scaling.json").toFile());
        assertThat(json.get("score").asText()).isEqualTo("average/f1");
        assertThat(json.at("/curves/0/points/0/value").asDouble()).isCloseTo(2 / 3.0, within(1e-12)); // P 1, R 1/2
        assertThat(json.at("/curves/0/points/1/value").asDouble()).isEqualTo(1.0);
    }

    @Test
    void scoresReadByAnotherParserAreRefusedNamingTheFile() throws IOException {
        Path a = scored("a", "ynnn");
        Path b = scored("b", "ynyn", "--parser", "lmms-eval");
        CliRun r = CliRun.of("eval", "scaling", "--point", "x:1=" + a, "--point", "x:2=" + b, "--out",
                tmp.resolve("plot").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(r.err().strip()).doesNotContain("\n").contains(b.resolve("scores.json").toString())
                .contains("parser 'lmms-eval'");
        assertThat(tmp.resolve("plot/scaling.json")).doesNotExist();
    }

    @Test
    void anUnknownScoreNamesTheOnesThereAre() throws IOException {
        Path a = scored("a", "ynnn");
        CliRun r = CliRun.of("eval", "scaling", "--point", "x:1=" + a, "--score", "g_acc", "--out", tmp.resolve("p").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(r.err()).contains("no score 'g_acc'").contains("random/accuracy");
    }

    @Test
    void malformedPointsAreUsageErrors() throws IOException {
        Path a = scored("a", "ynnn");
        for (String bad : new String[] {"x=" + a, "x:0=" + a, "x:2.5=" + a, "x:1K", ":3K=" + a}) {
            CliRun r = CliRun.of("eval", "scaling", "--point", bad, "--out", tmp.resolve("p").toString());
            assertThat(r.exitCode()).as(bad).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(bad).contains("--point");
        }
        CliRun twice = CliRun.of("eval", "scaling", "--point", "x:1K=" + a, "--point", "x:1000=" + a, "--out",
                tmp.resolve("p").toString());
        assertThat(twice.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(twice.err()).contains("two points at size 1000");
        CliRun missing = CliRun.of("eval", "scaling", "--point", "x:1=" + tmp.resolve("nope"), "--out", tmp.resolve("p").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(missing.err()).contains(tmp.resolve("nope") + ": no such file");
    }

    @Test
    void sizesAreReadAsPeopleWriteThem() {
        assertThat(EvalCommand.Scaling.parseSize("3000")).isEqualTo(3000);
        assertThat(EvalCommand.Scaling.parseSize("3_000")).isEqualTo(3000);
        assertThat(EvalCommand.Scaling.parseSize("3K")).isEqualTo(3000);
        assertThat(EvalCommand.Scaling.parseSize("2.5k")).isEqualTo(2500);
        assertThat(EvalCommand.Scaling.parseSize("1.5M")).isEqualTo(1_500_000);
        assertThat(EvalCommand.Scaling.parseSize("1.0005K")).isEqualTo(-1);
        assertThat(EvalCommand.Scaling.parseSize("-3")).isEqualTo(-1);
        assertThat(EvalCommand.Scaling.parseSize("K")).isEqualTo(-1);
    }
}
