package org.vapr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.Verdict;
import org.vapr.core.io.Json;
import org.vapr.core.record.PreferencePair;
import org.vapr.pipeline.edit.PovidStyleEditor;
import org.vapr.pipeline.edit.ValidationBounds;

class PovidStyleBuildTest {
    @TempDir
    Path dir;

    /** Judges only the injected sentences (FALSE), so the oracle checks every POVID-style negative. */
    private static final org.vapr.core.AnswerVerifier INJECTED_IS_FALSE = (image, c, q, a) ->
            a.contains(" also ") || a.contains("In addition") ? Verdict.FALSE : Verdict.UNKNOWN;

    private static List<PreferencePair> pairs(Path out) throws Exception {
        List<PreferencePair> list = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("pairs.jsonl"))) {
            list.add(Json.mapper().readValue(l, PreferencePair.class));
        }
        return list;
    }

    @Test
    void buildsLongerNegativesPastTheVaprBoundsAndRecordsNoBounds() throws Exception {
        List<Map<String, Object>> recs = CorpusFixture.records(60);
        Path corpus = CorpusFixture.writeJson(dir.resolve("llava.json"), recs);
        Path images = CorpusFixture.images(dir.resolve("images"), recs, null);
        BuildReport vapr = BuildPipeline.builder().setInput(corpus).setOut(dir.resolve("vapr")).optImages(images)
                .optSize(120).optSeed(7).build().run();
        BuildReport povid = BuildPipeline.builder().setInput(corpus).setOut(dir.resolve("povid")).optImages(images)
                .optSize(120).optSeed(7).optEditor(PovidStyleEditor.NAME)
                .optVerifier(INJECTED_IS_FALSE)
                .build().run();

        assertThat(povid.sampled()).isEqualTo(vapr.sampled());
        assertThat(povid.pairs()).isGreaterThan(100);
        assertThat(povid.droppedByReason()).doesNotContainKeys("edit_too_far", "edit_length");
        List<PreferencePair> ps = pairs(dir.resolve("povid"));
        ValidationBounds b = ValidationBounds.defaults();
        long outside = ps.stream().filter(p -> -p.edit().tokenLengthDelta() > b.maxTokenDeltaLong()).count();
        assertThat(outside).isGreaterThan(ps.size() * 9L / 10);
        assertThat(ps).allMatch(p -> p.edit().editor().equals("povid-style"));
        assertThat(ps).allMatch(p -> p.rejected().length() > p.chosen().length());
        assertThat(povid.meanTokenLengthDelta()).isLessThan(-8).isLessThan(vapr.meanTokenLengthDelta() - 8);
        JsonNode m = Json.mapper().readTree(dir.resolve("povid").resolve("manifest.json").toFile());
        assertThat(m.at("/options/bounds").asText()).isEqualTo("none");
        assertThat(m.at("/options/checks").asText()).isEqualTo("unbounded");
        assertThat(m.at("/options/editor").asText()).isEqualTo("povid-style");
        assertThat(m.at("/oracle/rejected_checked").asBoolean()).isTrue();
        JsonNode v = Json.mapper().readTree(dir.resolve("vapr").resolve("manifest.json").toFile());
        assertThat(v.at("/options/checks").asText()).isEqualTo("vapr");
        assertThat(v.at("/options/bounds").isObject()).isTrue();

        // deterministic: a second run gives the same pairs
        BuildPipeline.builder().setInput(corpus).setOut(dir.resolve("povid2")).optImages(images).optSize(120).optSeed(7)
                .optEditor(PovidStyleEditor.NAME).optConcurrency(3)
                .optVerifier(INJECTED_IS_FALSE)
                .build().run();
        assertThat(Files.readAllBytes(dir.resolve("povid2").resolve("pairs.jsonl")))
                .isEqualTo(Files.readAllBytes(dir.resolve("povid").resolve("pairs.jsonl")));
    }
}
