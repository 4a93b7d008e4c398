package org.vapr.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.eval.parse.ChoiceParser;
import org.vapr.eval.parse.PopeParser;

/**
 * Three NaturalBench groups whose answers make the four scores differ (gold 1, 0, 0, 1 per group):
 * <pre>
 * group 0 yes_no:  Yes / No / No / Yes                      -> 1 0 0 1   correct 4, Q 2, I 2, G 1
 * group 1 yes_no:  "Yes." / "Yes, it is." / No / "No, yes…" -> 1 1 0 0   correct 2, Q 0, I 1 (a00=1,a10=0), G 0
 * group 2 MC:      A / "The answer is B" / "I cannot tell" / "A. a lamp"
 *                                                           -> 1 0 -1 1  correct 3, Q 1 (a00,a01), I 1 (a11,a01), G 0
 * Acc 9/12 = 0.75; Q-Acc 3/6 = 0.5; I-Acc 4/6; G-Acc 1/3; yes-ratio 6/12; yes/no Acc 6/8, G-Acc 1/2; MC Acc 3/4, G-Acc 0
 * </pre>
 */
class NaturalBenchScoringTest {

    @Test
    void groupScoresFollowTheOfficialDefinitions() {
        var data = List.of(Fixtures.path("naturalbench/naturalbench.jsonl"));
        var preds = List.of(Fixtures.path("naturalbench/answers.jsonl"));
        ScoredRun run = BenchmarkScoring.score(Benchmark.NATURALBENCH, data, preds, PopeParser.OFFICIAL);
        assertThat(run.units()).hasSize(3).allSatisfy(g -> assertThat(g).hasSize(4));
        assertThat(run.items()).extracting(i -> i.parsed())
                .containsExactly("1", "0", "0", "1", "1", "1", "0", "0", "1", "0", "-1", "1");
        assertThat(run.unparsable()).isEqualTo(1);
        ScoreReport r = ScoreReport.of(run, data, preds, null, null, null);
        assertThat(r.score("acc").value()).isEqualTo(0.75);
        assertThat(r.score("q_acc").value()).isEqualTo(0.5);
        assertThat(r.score("i_acc").value()).isCloseTo(4 / 6.0, within(1e-12));
        assertThat(r.score("g_acc").value()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(r.score("yes_ratio").value()).isEqualTo(0.5);
        assertThat(r.primary()).isEqualTo("g_acc");
        // per question type: yes_no groups 0 and 1 (6 of 8 items, 1 of 2 groups), multiple_choice group 2 (3 of 4, 0 of 1)
        assertThat(r.score("yes_no/acc").value()).isEqualTo(0.75);
        assertThat(r.score("yes_no/g_acc").value()).isEqualTo(0.5);
        assertThat(r.score("multiple_choice/acc").value()).isEqualTo(0.75);
        assertThat(r.score("multiple_choice/g_acc").value()).isEqualTo(0.0);
        assertThat(r.counts().units()).isEqualTo(3);
    }

    @Test
    void imagePathsAndQuestionTypeSpellingsAreRead() {
        var items = org.vapr.eval.data.NaturalBenchFile.read(Fixtures.path("naturalbench/naturalbench.jsonl")).items();
        assertThat(items).hasSize(12);
        assertThat(items.get(4).image()).isEqualTo("images/1_0.jpg");
        assertThat(items.get(5).image()).isEqualTo("images/1_1.jpg");
        assertThat(items.get(9).questionType()).isEqualTo("multiple_choice");
        assertThat(items.get(10).question()).startsWith("What is on the table? A. a lamp");
        assertThat(items).extracting(i -> i.id()).startsWith("0_q0_i0", "0_q0_i1", "0_q1_i0", "0_q1_i1");
    }

    @Test
    void optionTextReadsMultipleChoiceAnswersThatNameTheOption(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("nb.jsonl");
        Files.writeString(data, """
                {"Index": 3, "Image_0": "a.png", "Image_1": "b.png", "Question_0": "What color is the triangle?\\nA. Purple\\nB. Green", \
                "Question_1": "What color is the triangle?\\nA. Green\\nB. Purple", "Question_Type": "multiple_choice"}
                """);
        Path preds = tmp.resolve("p.jsonl");
        // gold 1, 0, 0, 1: image a shows the purple triangle, image b the green one
        Files.writeString(preds, """
                {"question_id": "3_q0_i0", "text": "Purple"}
                {"question_id": "3_q0_i1", "text": "Green"}
                {"question_id": "3_q1_i0", "text": "Purple"}
                {"question_id": "3_q1_i1", "text": "It is purple."}
                """);
        ScoredRun text = BenchmarkScoring.score(Benchmark.NATURALBENCH, List.of(data), List.of(preds), PopeParser.OFFICIAL,
                ChoiceParser.OPTION_TEXT);
        assertThat(text.items()).extracting(i -> i.parsed()).containsExactly("1", "0", "0", "0");
        assertThat(text.items()).extracting(i -> i.correct()).containsExactly(true, true, true, false);
        ScoredRun official = BenchmarkScoring.score(Benchmark.NATURALBENCH, List.of(data), List.of(preds), PopeParser.OFFICIAL);
        assertThat(official.unparsable()).isEqualTo(4);
        assertThat(official.parser()).isEqualTo("official");
        assertThat(text.parser()).isEqualTo("option-text");
    }
}
