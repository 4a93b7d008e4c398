package org.vapr.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vapr.core.InputException;
import org.vapr.eval.parse.PopeParser;

/**
 * The POPE fixture: random split (6 items) and adversarial split (4 items, ids restart at 1, so one answer file
 * per split). Answers are chosen so that the official parser and lmms-eval's exact match disagree.
 */
class PopeScoringTest {

    private static ScoreReport report(PopeParser parser) {
        List<java.nio.file.Path> data = List.of(Fixtures.path("pope/coco_pope_random.json"), Fixtures.path("pope/coco_pope_adversarial.json"));
        List<java.nio.file.Path> preds = List.of(Fixtures.path("pope/answers_random.jsonl"), Fixtures.path("pope/answers_adversarial.jsonl"));
        ScoredRun run = BenchmarkScoring.score(Benchmark.POPE, data, preds, parser);
        return ScoreReport.of(run, data, preds, null, null, null);
    }

    private static double value(ScoreReport r, String name) {
        return r.score(name).value();
    }

    @Test
    void officialParserScoresEachSplitAndTheAverage() {
        ScoreReport r = report(PopeParser.OFFICIAL);
        // random: gold Y N Y N N Y; official reads "Yes, there is a dog…"=yes, "There is no cat…"=no, yes, Yes, no, No
        // -> predictions Y N Y Y N N: TP 2 (1,3), FP 1 (4), TN 2 (2,5), FN 1 (6)
        // accuracy 4/6, precision 2/3, recall 2/3, F1 2/3, yes-ratio 3/6
        assertThat(value(r, "random/accuracy")).isCloseTo(4 / 6.0, within(1e-12));
        assertThat(value(r, "random/precision")).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(value(r, "random/recall")).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(value(r, "random/f1")).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(value(r, "random/yes_ratio")).isEqualTo(0.5);
        // adversarial: gold Y N N Y; "Yes." = yes, "No, there is not." = no, id 3 missing (wrong), "I think so" = yes
        // -> TP 2, FP 0, TN 1, FN 0: accuracy 3/4, precision 1, recall 1, F1 1, yes-ratio 2/4
        assertThat(value(r, "adversarial/accuracy")).isEqualTo(0.75);
        assertThat(value(r, "adversarial/f1")).isEqualTo(1.0);
        assertThat(value(r, "adversarial/yes_ratio")).isEqualTo(0.5);
        // average over the two splits present: accuracy (4/6 + 3/4)/2 = 17/24, F1 (2/3 + 1)/2 = 5/6
        assertThat(value(r, "average/accuracy")).isCloseTo(17 / 24.0, within(1e-12));
        assertThat(value(r, "average/f1")).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(r.primary()).isEqualTo("average/f1");
        assertThat(r.parser()).isEqualTo("official");
        assertThat(r.counts().missingPredictions()).isEqualTo(1);
        assertThat(r.counts().unknownQuestionIds()).as("question 99 of the adversarial answers").isEqualTo(1);
        assertThat(r.counts().unparsable()).isZero();
    }

    @Test
    void lmmsEvalParserNeedsAnExactYesOrNo() {
        ScoreReport r = report(PopeParser.LMMS_EVAL);
        // random: "Yes, there is…" and "There is no cat…" are neither -> predictions -, -, Y, Y, N, N
        // TP 1 (3), FP 1 (4), TN 1 (5), FN 2 (1, 6): accuracy 2/6, precision 1/2, recall 1/3, F1 0.4, yes-ratio 2/6
        assertThat(value(r, "random/accuracy")).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(value(r, "random/precision")).isEqualTo(0.5);
        assertThat(value(r, "random/recall")).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(value(r, "random/f1")).isCloseTo(0.4, within(1e-12));
        // adversarial: "Yes." "No, there is not." "I think so" are all neither, id 3 missing: everything 0
        assertThat(value(r, "adversarial/accuracy")).isZero();
        assertThat(value(r, "adversarial/precision")).isZero();
        assertThat(r.counts().unparsable()).isEqualTo(2 + 3);
        assertThat(r.parser()).isEqualTo("lmms-eval");
    }

    @Test
    void oneAnswerFileForSplitsSharingIdsIsRefused() {
        List<java.nio.file.Path> data = List.of(Fixtures.path("pope/coco_pope_random.json"), Fixtures.path("pope/coco_pope_adversarial.json"));
        assertThatThrownBy(() -> BenchmarkScoring.score(Benchmark.POPE, data, List.of(Fixtures.path("pope/answers_random.jsonl")), PopeParser.OFFICIAL))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("question_id '1' also appears in")
                .hasMessageContaining("one --predictions file per --data file");
    }

    @Test
    void scoredItemsCarryTheParsedAnswer() {
        ScoredRun run = BenchmarkScoring.score(Benchmark.POPE, List.of(Fixtures.path("pope/coco_pope_random.json")),
                List.of(Fixtures.path("pope/answers_random.jsonl")), PopeParser.OFFICIAL);
        assertThat(run.items()).extracting(i -> i.parsed()).containsExactly("yes", "no", "yes", "yes", "no", "no");
        assertThat(run.items().get(0).split()).isEqualTo("random");
        assertThat(run.items().get(1).response()).isEqualTo("There is no cat in the image.");
        Map<String, Double> s = Benchmark.POPE.scores().compute(run.units());
        assertThat(s).containsKeys("random/f1", "average/f1").doesNotContainKey("popular/f1");
    }
}
