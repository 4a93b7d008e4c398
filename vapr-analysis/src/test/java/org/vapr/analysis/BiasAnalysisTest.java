package org.vapr.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.analysis.report.MarkdownTable;
import org.vapr.analysis.report.ReportJson;

class BiasAnalysisTest {
    @TempDir
    Path tmp;

    private Path pairs(int n) throws IOException {
        StringBuilder b = new StringBuilder();
        String[] cats = {"counting", "color", "captioning"};
        for (int i = 0; i < n; i++) {
            String cat = cats[i % 3];
            String chosen = "There are " + (i % 7) + " red cubes near the " + (i % 2 == 0 ? "tree" : "wall") + ".";
            String rejected = i % 5 == 0 ? chosen.toUpperCase() : "There are " + (i % 7 + 1) + " red cubes near the lamp post today.";
            b.append("{\"id\":\"").append(i).append("\",\"prompt\":\"q\",\"category\":\"").append(cat)
                    .append("\",\"chosen\":\"").append(chosen).append("\",\"rejected\":\"").append(rejected).append("\",\"image\":\"i.png\",\"edit\":{}}\n");
        }
        Path f = tmp.resolve("pairs.jsonl");
        Files.writeString(f, b);
        return f;
    }

    @Test
    void reportDoesNotDependOnThreadCount() throws IOException {
        Path f = pairs(5000);
        BiasReport one = BiasAnalysis.analyze(f, AnalysisSettings.defaults().withThreads(1));
        BiasReport four = BiasAnalysis.analyze(f, AnalysisSettings.defaults().withThreads(4));
        assertThat(ReportJson.of(four)).isEqualTo(ReportJson.of(one));
        assertThat(one.overall().pairs()).isEqualTo(5000);
        assertThat(one.categories()).containsOnlyKeys("captioning", "color", "counting");
        assertThat(one.overall().duplicates().exact()).isEqualTo(1000);
    }

    @Test
    void jsonHasTheContractKeysAndMarkdownOneColumnPerLabel() throws IOException {
        BiasReport r = BiasAnalysis.analyze(pairs(30), AnalysisSettings.defaults());
        JsonNode j = ReportJson.of(r);
        for (String k : new String[]{"pairs", "word_levenshtein", "token_length_delta", "duplicates", "lengths", "categories",
                "tokenizer", "format", "problems"}) {
            assertThat(j.has(k)).as(k).isTrue();
        }
        for (String k : new String[]{"mean", "median", "p90", "histogram"}) {
            assertThat(j.get("word_levenshtein").has(k)).as(k).isTrue();
        }
        JsonNode td = j.get("token_length_delta");
        for (String part : new String[]{"", "short", "long"}) {
            JsonNode node = part.isEmpty() ? td : td.get(part);
            for (String k : new String[]{"chosen_longer", "chosen_shorter", "equal", "mean_when_longer", "mean_when_shorter"}) {
                assertThat(node.has(k)).as(part + "." + k).isTrue();
            }
        }
        assertThat(j.get("tokenizer").asText()).isEqualTo("o200k_base");
        assertThat(j.get("format").asText()).isEqualTo("vapr");
        Map<String, BiasReport> m = new LinkedHashMap<>();
        m.put("first", r);
        m.put("second", r);
        String md = MarkdownTable.render(m);
        assertThat(md.lines().findFirst().orElseThrow()).isEqualTo("| statistic | first | second |");
        assertThat(md).contains("| counting |");
    }
}
