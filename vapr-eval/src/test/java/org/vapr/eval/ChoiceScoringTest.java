package org.vapr.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vapr.eval.parse.ChoiceParser;
import org.vapr.eval.parse.PopeParser;

/** The multiple-choice fixtures, one per benchmark, with the expected scores worked out by hand. */
class ChoiceScoringTest {

    private static ScoreReport report(Benchmark b, String data, String preds) {
        var d = List.of(Fixtures.path(data));
        var p = List.of(Fixtures.path(preds));
        return ScoreReport.of(BenchmarkScoring.score(b, d, p, PopeParser.OFFICIAL), d, p, null, null, null);
    }

    @Test
    void optionTextCreditsAnswersThatNameTheirOptionAndSaysSo() {
        // "a kitchen." = A ✓, "Cloudy" = A (gold B) ✗, "A dog and a horse." names two options: unparsable ✗, "A mat" = D ✓
        var d = List.of(Fixtures.path("seed/SEED-Bench.json"));
        var p = List.of(Fixtures.path("seed/answers-option-text.jsonl"));
        ScoreReport text = ScoreReport.of(BenchmarkScoring.score(Benchmark.SEED, d, p, PopeParser.OFFICIAL, ChoiceParser.OPTION_TEXT),
                d, p, null, null, null);
        assertThat(text.score("accuracy").value()).isEqualTo(0.5);
        assertThat(text.counts().unparsable()).isEqualTo(1);
        assertThat(text.parser()).isEqualTo("option-text");
        ScoreReport official = report(Benchmark.SEED, "seed/SEED-Bench.json", "seed/answers-option-text.jsonl");
        assertThat(official.score("accuracy").value()).as("no letters at all").isEqualTo(0.0);
        assertThat(official.counts().unparsable()).isEqualTo(4);
        assertThat(official.parser()).isEqualTo("official");
    }

    @Test
    void seedImageAccuracyLeavesVideoOut() {
        // A ✓, "B. Sunny" ✓, "…answer is D" (gold C) ✗, "A cat sits on the mat." (gold D): the article is no letter ✗
        ScoreReport r = report(Benchmark.SEED, "seed/SEED-Bench.json", "seed/answers.jsonl");
        assertThat(r.score("accuracy").value()).isEqualTo(0.5);
        assertThat(r.score("type/Scene Understanding").value()).isEqualTo(1.0);
        assertThat(r.score("type/Instance Identity").value()).isEqualTo(0.0);
        assertThat(r.counts().items()).isEqualTo(4);
        assertThat(r.counts().skipped()).isEqualTo(1);
        assertThat(r.counts().unparsable()).isEqualTo(1);
    }

    @Test
    void cvBenchUsesTheOfficialAggregate() {
        // ADE20K 2/2, COCO 1/2 ("(A) left" for gold B), Omni3D 1/2: ½·((1 + 0.5)/2 + 0.5) = 0.625; plain 4/6
        ScoreReport r = report(Benchmark.CVBENCH, "cvbench/test.jsonl", "cvbench/answers.jsonl");
        assertThat(r.score("overall").value()).isEqualTo(0.625);
        assertThat(r.score("accuracy_2d").value()).isEqualTo(0.75);
        assertThat(r.score("accuracy_3d").value()).isEqualTo(0.5);
        assertThat(r.score("accuracy").value()).isCloseTo(4 / 6.0, within(1e-12));
        assertThat(r.primary()).isEqualTo("overall");
    }

    @Test
    void mmStarIsTheMacroAverageOverSubcategories() {
        // "image scene and topic": 1 of 2; "object counting": 1 of 1 ("The answer is (B).") -> macro 0.75, plain 2/3
        ScoreReport r = report(Benchmark.MMSTAR, "mmstar/mmstar.jsonl", "mmstar/answers.jsonl");
        assertThat(r.score("macro").value()).isEqualTo(0.75);
        assertThat(r.score("accuracy").value()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(r.score("l2/object counting").value()).isEqualTo(1.0);
        assertThat(r.score("category/coarse perception").value()).isEqualTo(0.5);
    }

    @Test
    void mmmuIsInstanceWeightedAndSkipsOpenQuestions() {
        // Art 1/2, Math 1/1 -> 2/3 over instances (the subject mean would be 0.75); the open question is skipped,
        // and its prediction is not "unknown"
        ScoreReport r = report(Benchmark.MMMU, "mmmu/mmmu_validation.jsonl", "mmmu/answers.jsonl");
        assertThat(r.score("accuracy").value()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(r.score("subject/Art").value()).isEqualTo(0.5);
        assertThat(r.counts().skipped()).isEqualTo(1);
        assertThat(r.counts().unknownQuestionIds()).isZero();
    }

    @Test
    void mathVistaGoldLetterComesFromTheChoiceText() {
        // pid 1: "square" is choice B, answered B ✓; pid 3: "No" is B, answered A ✗; pid 2 is free-form (skipped)
        ScoreReport r = report(Benchmark.MATHVISTA, "mathvista/testmini.json", "mathvista/answers.jsonl");
        assertThat(r.score("accuracy").value()).isEqualTo(0.5);
        assertThat(r.counts().skipped()).isEqualTo(1);
        assertThat(r.counts().missingPredictions()).isZero();
    }

    @Test
    void mmmuOptionsMayBeAPythonLiteral() {
        var items = org.vapr.eval.data.MmmuFile.read(Fixtures.path("mmmu/mmmu_validation.jsonl")).items();
        assertThat(items.get(0).options()).containsExactly("Impressionism", "Cubism", "Baroque's late phase", "Surrealism");
        assertThat(items.get(0).category()).isEqualTo("Art");
    }
}
