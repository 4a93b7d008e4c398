package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.Category;
import org.vapr.core.Verdict;
import org.vapr.core.io.Json;
import org.vapr.pipeline.BuildPipeline;
import org.vapr.world.SceneOracle;
import org.vapr.world.SynthOptions;
import org.vapr.world.SynthReport;
import org.vapr.world.WorldSynthesizer;

/**
 * The oracle reads the pipeline's own sentences: pairs built from a synthetic world (answers extended by the
 * pipeline's templates, rejected answers made by the rule editor) are decided for the closed-vocabulary
 * categories, chosen TRUE and rejected FALSE, and no chosen answer is FALSE.
 */
class OracleCoverageTest {
    private static final double MIN_SHARE = 0.98;

    @TempDir
    Path tmp;

    @Test
    void closedCategoryPairsAreDecided() throws IOException {
        Path world = tmp.resolve("world");
        SynthReport synth = WorldSynthesizer.synthesize(world, SynthOptions.defaults().withSamples(600).withSeed(11));
        Path out = tmp.resolve("vapr");
        BuildPipeline.builder()
                .setInput(synth.corpus())
                .setOut(out)
                .optImages(world)
                .optSize(400)
                .optSeed(11)
                .optVerifier(SceneOracle.load(synth.scenesFile()))
                .build()
                .run();
        SceneOracle oracle = SceneOracle.load(synth.scenesFile());

        Map<Category, int[]> stats = new EnumMap<>(Category.class); // pairs, chosen TRUE, rejected FALSE
        List<String> chosenFalse = new ArrayList<>();
        Map<Category, List<String>> misses = new EnumMap<>(Category.class);
        List<String> lines = Files.readAllLines(out.resolve("pairs.jsonl"));
        for (String line : lines) {
            JsonNode p = Json.mapper().readTree(line);
            Category c = Category.fromId(p.get("category").asText()).orElseThrow();
            String image = p.get("image").asText();
            String prompt = p.get("prompt").asText();
            Verdict chosen = oracle.verify(image, c, prompt, p.get("chosen").asText());
            Verdict rejected = oracle.verify(image, c, prompt, p.get("rejected").asText());
            int[] st = stats.computeIfAbsent(c, k -> new int[3]);
            st[0]++;
            st[1] += chosen == Verdict.TRUE ? 1 : 0;
            st[2] += rejected == Verdict.FALSE ? 1 : 0;
            if (chosen == Verdict.FALSE) {
                chosenFalse.add(prompt + " | " + p.get("chosen").asText());
            }
            if (chosen != Verdict.TRUE || rejected != Verdict.FALSE) {
                misses.computeIfAbsent(c, k -> new ArrayList<>()).add("[" + chosen + "/" + rejected + "] " + prompt + " | "
                        + p.get("chosen").asText() + " => " + p.get("rejected").asText());
            }
        }
        assertThat(lines).hasSizeGreaterThan(300);
        assertThat(chosenFalse).as("chosen answers the oracle calls FALSE").isEmpty();
        for (Category c : Category.values()) {
            if (c == Category.CAPTIONING || c == Category.REASONING) {
                continue;
            }
            int[] st = stats.get(c);
            assertThat(st).as(c.id() + " pairs").isNotNull();
            String detail = c.id() + " " + misses.getOrDefault(c, List.of());
            assertThat((double) st[1] / st[0]).as("chosen TRUE share, " + detail).isGreaterThanOrEqualTo(MIN_SHARE);
            assertThat((double) st[2] / st[0]).as("rejected FALSE share, " + detail).isGreaterThanOrEqualTo(MIN_SHARE);
        }
    }
}
