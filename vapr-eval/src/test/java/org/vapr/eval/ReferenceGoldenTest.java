package org.vapr.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vapr.core.io.Json;
import org.vapr.eval.parse.NaturalBenchParser;
import org.vapr.eval.parse.PopeParser;

/**
 * Compares the Java parsers and scores with {@code golden/reference-scores.json}, written by the independent
 * Python reference {@code src/test/python/reference_scores.py} (the official scripts' logic).
 */
class ReferenceGoldenTest {
    private static JsonNode golden() throws IOException {
        return Json.mapper().readTree(Fixtures.path("golden/reference-scores.json").toFile());
    }

    @Test
    void parsersAgreeWithThePythonReferenceOnEveryCase() throws IOException {
        JsonNode cases = golden().get("cases");
        assertThat(cases.size()).isGreaterThan(30);
        for (JsonNode c : cases) {
            String text = c.get("text").asText();
            assertThat(PopeParser.OFFICIAL.parse(text)).as("official: " + text).isEqualTo(c.get("pope_official").asText());
            JsonNode lmms = c.get("pope_lmms_eval");
            assertThat(PopeParser.LMMS_EVAL.parse(text)).as("lmms-eval: " + text).isEqualTo(lmms.isNull() ? null : lmms.asText());
            assertThat(NaturalBenchParser.parse(text, "yes_no")).as("yes_no: " + text).isEqualTo(c.get("naturalbench_yes_no").asInt());
            assertThat(NaturalBenchParser.parse(text, "multiple_choice")).as("mc: " + text)
                    .isEqualTo(c.get("naturalbench_multiple_choice").asInt());
        }
    }

    @Test
    void scoresAgreeWithThePythonReference() throws IOException {
        JsonNode g = golden();
        for (String split : List.of("random", "adversarial")) {
            for (PopeParser parser : PopeParser.values()) {
                var data = List.of(Fixtures.path("pope/coco_pope_" + split + ".json"));
                var preds = List.of(Fixtures.path("pope/answers_" + split + ".jsonl"));
                var scores = Benchmark.POPE.scores().compute(BenchmarkScoring.score(Benchmark.POPE, data, preds, parser).units());
                g.get("pope").get(split).get(parser.id()).properties().forEach(e ->
                        assertThat(scores.get(split + "/" + e.getKey())).as(split + " " + parser.id() + " " + e.getKey())
                                .isCloseTo(e.getValue().asDouble(), within(1e-12)));
            }
        }
        var run = BenchmarkScoring.score(Benchmark.NATURALBENCH, List.of(Fixtures.path("naturalbench/naturalbench.jsonl")),
                List.of(Fixtures.path("naturalbench/answers.jsonl")), PopeParser.OFFICIAL);
        var nb = Benchmark.NATURALBENCH.scores().compute(run.units());
        g.get("naturalbench").properties().forEach(e ->
                assertThat(nb.get(e.getKey())).as(e.getKey()).isCloseTo(e.getValue().asDouble(), within(1e-12)));
    }
}
