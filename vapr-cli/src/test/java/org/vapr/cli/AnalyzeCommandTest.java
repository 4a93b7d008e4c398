package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.io.Json;

/** {@code vapr analyze} and {@code vapr compare} through the real parser. */
class AnalyzeCommandTest {
    @TempDir
    Path tmp;

    /** POVID layout (conversations + rejected_conversations) whose rejected answers add long hallucinated clauses. */
    private Path povidStyle(int n) throws IOException {
        StringBuilder b = new StringBuilder("[\n");
        String[] objects = {"dog", "bicycle", "umbrella", "kite", "bench"};
        for (int i = 0; i < n; i++) {
            String q = "<image>\\nDescribe the image briefly.";
            String chosen = "A " + objects[i % 5] + " stands in the middle of the picture.";
            String rejected = "A " + objects[(i + 1) % 5] + " stands in the middle of the picture, surrounded by several people "
                    + "wearing colorful jackets, while a bright red bus passes behind them on a busy street lined with tall trees.";
            b.append(i == 0 ? "" : ",\n").append("{\"id\":\"").append(i).append("\",\"image\":\"COCO_").append(i).append(".jpg\",")
                    .append("\"conversations\":[{\"from\":\"human\",\"value\":\"").append(q).append("\"},{\"from\":\"gpt\",\"value\":\"")
                    .append(chosen).append("\"}],\"rejected_conversations\":[{\"from\":\"human\",\"value\":\"").append(q)
                    .append("\"},{\"from\":\"gpt\",\"value\":\"").append(rejected).append("\"}]}");
        }
        Path f = tmp.resolve("povid.json");
        Files.writeString(f, b.append("\n]\n"));
        return f;
    }

    private Path vaprBuilt() {
        Path world = tmp.resolve("world");
        assertThat(CliRun.of("synth", "--out", world.toString(), "--samples", "300", "--seed", "11", "-q").exitCode()).isZero();
        Path out = tmp.resolve("vapr");
        CliRun build = CliRun.of("build", "--input", world.resolve("llava.json").toString(), "--out", out.toString(),
                "--size", "150", "-q");
        assertThat(build.exitCode()).as(build.err()).isZero();
        return out.resolve("pairs.jsonl");
    }

    @Test
    void compareShowsVaprFarCloserThanPovidStyleData() throws IOException {
        Path vapr = vaprBuilt();
        Path povid = povidStyle(60);
        Path json = tmp.resolve("cmp.json");
        Path html = tmp.resolve("cmp.html");
        CliRun run = CliRun.of("compare", vapr.toString(), povid.toString(), "--labels", "VaPR,POVID-style", "--json", json.toString(),
                "--report", html.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("| statistic | VaPR | POVID-style |").contains("report: " + html);
        String page = Files.readString(html);
        // five charts (Levenshtein, token delta, longer/shorter, two per-category), both labels, both files' hashes
        assertThat(page.split("<svg ", -1)).hasSize(6);
        assertThat(page).contains("<title>Bias comparison: VaPR vs POVID-style</title>", "Per category",
                org.vapr.core.io.Digests.sha256(vapr), org.vapr.core.io.Digests.sha256(povid));
        JsonNode j = Json.mapper().readTree(json.toFile());
        assertThat(j.fieldNames()).toIterable().containsExactly("VaPR", "POVID-style");
        JsonNode v = j.get("VaPR");
        JsonNode p = j.get("POVID-style");
        assertThat(v.get("format").asText()).isEqualTo("vapr");
        assertThat(p.get("format").asText()).isEqualTo("povid");
        assertThat(p.get("pairs").asLong()).isEqualTo(60);
        double vLev = v.at("/word_levenshtein/mean").asDouble();
        double pLev = p.at("/word_levenshtein/mean").asDouble();
        assertThat(vLev).isPositive();
        assertThat(vLev * 5).isLessThan(pLev);
        double vGap = v.at("/token_length_delta/mean_abs").asDouble();
        double pGap = p.at("/token_length_delta/mean_abs").asDouble();
        assertThat(vGap * 10).isLessThan(pGap);
        assertThat(p.at("/token_length_delta/chosen_shorter").asDouble()).isEqualTo(1.0);
        assertThat(v.get("categories").size()).isGreaterThan(3);
    }

    @Test
    void analyzeWritesJsonWithContractKeysAndPrintsTable() throws IOException {
        Path json = tmp.resolve("a.json");
        CliRun run = CliRun.of("analyze", povidStyle(10).toString(), "--tokenizer", "cl100k", "--json", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("| statistic | povid |").contains("word Levenshtein mean");
        JsonNode j = Json.mapper().readTree(json.toFile());
        for (String k : new String[]{"pairs", "word_levenshtein", "token_length_delta", "duplicates", "lengths", "categories",
                "tokenizer", "format", "problems"}) {
            assertThat(j.has(k)).as(k).isTrue();
        }
        assertThat(j.get("tokenizer").asText()).isEqualTo("cl100k_base");
        assertThat(j.at("/token_length_delta/short/chosen_longer").isNumber()).isTrue();
        assertThat(j.at("/duplicates/exact").isNumber()).isTrue();
    }

    @Test
    void unknownFormatIsAUsageErrorWithOneLine() throws IOException {
        CliRun run = CliRun.of("analyze", povidStyle(2).toString(), "--format", "parquetish");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().lines().findFirst().orElseThrow())
                .contains("vapr analyze:").contains("unknown format 'parquetish'").contains("llava-next");
    }

    @Test
    void unknownTokenizerIsAUsageError() throws IOException {
        CliRun run = CliRun.of("analyze", povidStyle(2).toString(), "--tokenizer", "gpt2");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("unknown tokenizer 'gpt2'");
    }

    @Test
    void missingOrUndetectableInputIsAnInputError() throws IOException {
        CliRun missing = CliRun.of("analyze", tmp.resolve("nope.jsonl").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(missing.err()).contains("nope.jsonl").doesNotContain("\tat ");
        Path odd = tmp.resolve("odd.jsonl");
        Files.writeString(odd, "{\"a\":1}\n");
        CliRun unknown = CliRun.of("analyze", odd.toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(unknown.err().strip().lines().count()).isEqualTo(1);
        assertThat(unknown.err()).contains("odd.jsonl: line 1: cannot tell the format");
    }

    @Test
    void badRecordsAreReportedAndTheRestAnalyzed() throws IOException {
        Path f = tmp.resolve("mixed.jsonl");
        Files.writeString(f, """
                {"question":"q","chosen":"A cat.","rejected":"A dog."}
                {"question":"q","chosen":"A cat.","rejected":null}
                {"question":"q","chosen":"Two cats.","rejected":"Three cats."}
                """);
        Path json = tmp.resolve("m.json");
        CliRun run = CliRun.of("analyze", f.toString(), "--json", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("1 bad record(s)").contains("mixed.jsonl: line 2").contains("field 'rejected': missing");
        JsonNode j = Json.mapper().readTree(json.toFile());
        assertThat(j.get("pairs").asInt()).isEqualTo(2);
        assertThat(j.get("problems").asInt()).isEqualTo(1);
    }

    @Test
    void compareNeedsOneLabelPerFile() throws IOException {
        Path p = povidStyle(3);
        CliRun run = CliRun.of("compare", p.toString(), p.toString(), "--labels", "only-one");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--labels: 1 labels for 2 files");
    }
}
