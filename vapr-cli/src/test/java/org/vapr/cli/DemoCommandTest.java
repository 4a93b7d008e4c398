package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.io.Json;

/** The README's first command, end to end (quick size): exit code, summary and outputs. */
@Tag("slow")
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void quickDemoBuildsAVerifiedDatasetAndSaysWhereItWent() throws IOException {
        Path out = tmp.resolve("demo");
        CliRun r = CliRun.of("demo", "--quick", "--out", out.toString(), "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("records read", "dropped by reason:", "text_only", "multiple_choice", "bbox", "ocr",
                "oracle (scenes.jsonl): rejected verified false", "mean word-level Levenshtein", out.resolve("vapr").resolve("pairs.jsonl").toString());
        for (String category : new String[] {"object", "color", "size", "background", "spatial", "counting", "existence",
                "referential", "reasoning", "captioning"}) {
            assertThat(r.out()).contains("  " + category);
        }
        JsonNode manifest = Json.mapper().readTree(out.resolve("vapr").resolve("manifest.json").toFile());
        assertThat(manifest.at("/counts/pairs").asLong()).isGreaterThan(250);
        assertThat(manifest.at("/oracle/verified_share").asDouble()).isGreaterThan(0.75);
        assertThat(Files.readAllLines(out.resolve("vapr").resolve("pairs.jsonl"))).hasSize((int) manifest.at("/counts/pairs").asLong());

        // the bias analysis of the built dataset: compact table, JSON and the HTML report with its charts
        Path html = out.resolve("vapr").resolve("bias-report.html");
        assertThat(r.out()).contains("| statistic | VaPR demo |", "bias report: " + html);
        JsonNode bias = Json.mapper().readTree(out.resolve("vapr").resolve("bias.json").toFile());
        assertThat(bias.get("pairs").asLong()).isEqualTo(manifest.at("/counts/pairs").asLong());
        assertThat(bias.get("format").asText()).isEqualTo("vapr");
        assertThat(bias.at("/word_levenshtein/mean").asDouble()).isBetween(0.5, 10.0);
        assertThat(bias.get("categories").size()).isGreaterThan(5);
        String page = Files.readString(html);
        assertThat(page.split("<svg ", -1)).as("five charts").hasSize(6);
        assertThat(page).contains("<title>Bias report: VaPR demo</title>", "chart-levenshtein", "chart-token-delta",
                "chart-longer-shorter", "chart-category-levenshtein", "chart-category-token-gap", "counting", "spatial");
    }
}
