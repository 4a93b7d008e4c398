package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.io.Json;
import org.vapr.pipeline.BuildPipeline;
import org.vapr.pipeline.Stage;
import org.vapr.world.SynthOptions;
import org.vapr.world.WorldSynthesizer;

/**
 * Scores the builder's filters and keyword categorizer against the world's own turn labels
 * ({@code labels.jsonl}): every turn of a kind the paper drops must be dropped for that reason, no other turn
 * may be filtered out, and the category must agree with the generator's for nearly every kept turn.
 */
class CategorizerAgreementTest {
    private static final Set<String> DROP_KINDS = Set.of("text_only", "multiple_choice", "bbox", "ocr");

    @TempDir
    Path tmp;

    @Test
    void filtersAndCategorizerAgreeWithTheWorldsLabels() throws IOException {
        Path world = tmp.resolve("world");
        WorldSynthesizer.synthesize(world, SynthOptions.defaults().withSamples(1500).withImages(false).withSeed(3));
        Path out = tmp.resolve("cands");
        BuildPipeline.builder().setInput(world.resolve("llava.json")).setOut(out)
                .optStages(List.of(Stage.FILTER, Stage.CATEGORIZE)).build().run();

        Map<String, String> got = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("dropped.jsonl"))) {
            JsonNode n = Json.mapper().readTree(line);
            got.put(n.get("source_id").asText() + "#" + n.get("turn").asInt(), n.get("reason").asText());
        }
        for (String line : Files.readAllLines(out.resolve("candidates.jsonl"))) {
            JsonNode n = Json.mapper().readTree(line);
            got.put(n.get("source_id").asText() + "#" + n.get("turn").asInt(), n.get("category").asText());
        }
        Map<String, Integer> confusion = new TreeMap<>();
        int total = 0;
        int agree = 0;
        int keptKinds = 0;
        int keptAgree = 0;
        for (String line : Files.readAllLines(world.resolve("labels.jsonl"))) {
            JsonNode n = Json.mapper().readTree(line);
            String key = n.get("id").asText() + "#" + n.get("turn").asInt();
            String expected = n.get("expected").asText();
            String actual = got.getOrDefault(key, "missing");
            total++;
            if (expected.equals(actual)) {
                agree++;
            } else {
                confusion.merge(expected + " -> " + actual, 1, Integer::sum);
            }
            if (DROP_KINDS.contains(expected)) {
                assertThat(actual).as("turn %s of a %s record", key, expected).isEqualTo(expected);
            } else {
                keptKinds++;
                assertThat(DROP_KINDS).as("turn %s (%s) must not be filtered out", key, expected).doesNotContain(actual);
                assertThat(actual).as("turn %s", key).isNotEqualTo("missing");
                if (expected.equals(actual)) {
                    keptAgree++;
                }
            }
        }
        assertThat(total).isGreaterThan(4000);
        assertThat((double) keptAgree / keptKinds).as("category agreement; confusion %s", confusion).isGreaterThan(0.99);
        assertThat(agree).isGreaterThan(total * 99 / 100);
    }
}
