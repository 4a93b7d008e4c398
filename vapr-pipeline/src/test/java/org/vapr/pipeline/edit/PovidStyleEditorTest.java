package org.vapr.pipeline.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vapr.core.AnswerVerifier;
import org.vapr.core.Category;
import org.vapr.core.Verdict;
import org.vapr.core.record.Span;

class PovidStyleEditorTest {
    private static final Pattern INJECTED = Pattern.compile("(?:small|large|tiny|big) (" + String.join("|", Vocabulary.COLORS)
            + ") (?:(?:solid|striped|dotted|checkered) )?(" + String.join("|", Vocabulary.SHAPES) + ")");

    private static EditRequest request(Category c, String prompt, String chosen, long seed) {
        return new EditRequest("s1", 0, "synth/1.png", c, prompt, chosen, List.of(), 1, null, seed);
    }

    @Test
    void rejectedIsLongerChangedAndAssertsAnInjectedObject() {
        PovidStyleEditor ed = new PovidStyleEditor();
        String chosen = "There are three red circles in the image.";
        for (long seed = 0; seed < 50; seed++) {
            EditProposal p = ed.propose(request(Category.COUNTING, "How many red circles are there?", chosen, seed));
            assertThat(p.ok()).isTrue();
            assertThat(TokenCounter.count(p.rejected()) - TokenCounter.count(chosen)).as(p.rejected()).isGreaterThanOrEqualTo(8);
            assertThat(p.rejected()).doesNotStartWith(chosen.substring(0, chosen.length() - 1)); // the number changed too
            assertThat(INJECTED.matcher(p.rejected()).find()).as(p.rejected()).isTrue();
            for (Span s : p.spans()) {
                assertThat(s.to()).isLessThanOrEqualTo(p.rejected().length());
            }
            // the rule editor's count change and the injected sentence both pass the validator's category check
            assertThat(Validator.categoryCheck(Category.COUNTING, chosen, p.rejected())).isTrue();
        }
    }

    @Test
    void deterministicForASeedAndVariedAcrossSeeds() {
        PovidStyleEditor ed = new PovidStyleEditor();
        String chosen = "Yes, there is a blue square in the image.";
        EditRequest r = request(Category.EXISTENCE, "Is there a blue square?", chosen, 11);
        assertThat(ed.propose(r)).isEqualTo(new PovidStyleEditor().propose(r));
        List<String> texts = new ArrayList<>();
        for (long seed = 0; seed < 20; seed++) {
            texts.add(ed.propose(request(Category.EXISTENCE, "Is there a blue square?", chosen, seed)).rejected());
        }
        assertThat(texts).allMatch(t -> t.startsWith("No, there is no blue square in the image. "));
        assertThat(texts.stream().distinct().count()).isGreaterThan(10);
    }

    @Test
    void drawsAgainWhenTheGroundTruthHasTheInjectedObject() {
        // a scene that has a shape of every kind in every color but green: every appended object must be green
        AnswerVerifier allButGreen = (image, c, q, a) -> c == Category.EXISTENCE && !q.contains(" green ") ? Verdict.TRUE : Verdict.UNKNOWN;
        PovidStyleEditor ed = new PovidStyleEditor(allButGreen);
        int green = 0;
        int injected = 0;
        for (long seed = 0; seed < 40; seed++) {
            String rejected = ed.propose(request(Category.COLOR, "What color is the star?", "The star is red.", seed)).rejected();
            Matcher m = INJECTED.matcher(rejected);
            while (m.find()) {
                injected++;
                green += m.group(1).equals("green") ? 1 : 0;
            }
        }
        // 8 draws of 13 colors: a non-green object survives only when all 8 draws miss green (~53%); without the
        // check about 1 in 13 would be green
        assertThat(injected).isGreaterThan(40);
        assertThat((double) green / injected).isGreaterThan(0.3);
    }

    @Test
    void validatorSkipsOnlyTheBoundsForUnboundedEditors() {
        String chosen = "The star is red.";
        EditProposal p = new PovidStyleEditor().propose(request(Category.COLOR, "What color is the star?", chosen, 3));
        AnswerVerifier never = (image, c, q, a) -> Verdict.FALSE;
        assertThat(new Validator(ValidationBounds.defaults(), never).check("x.png", Category.COLOR, "What color is the star?", chosen, p)
                .reason()).isIn(Validator.TOO_FAR, Validator.LENGTH);
        Validator.Outcome o = new Validator(ValidationBounds.defaults(), never, Editor.Checks.UNBOUNDED)
                .check("x.png", Category.COLOR, "What color is the star?", chosen, p);
        assertThat(o.accepted()).isTrue();
        assertThat(o.tokenLengthDelta()).isLessThan(-6);
        AnswerVerifier always = (image, c, q, a) -> Verdict.TRUE;
        assertThat(new Validator(ValidationBounds.defaults(), always, Editor.Checks.UNBOUNDED)
                .check("x.png", Category.COLOR, "What color is the star?", chosen, p).reason()).isEqualTo(Validator.ORACLE_TRUE);
        // NONE keeps even an identical answer and never asks the oracle
        Validator.Outcome same = new Validator(ValidationBounds.defaults(), always, Editor.Checks.NONE)
                .check("x.png", Category.COLOR, "What color is the star?", chosen, EditProposal.of(chosen, List.of(), List.of()));
        assertThat(same.accepted()).isTrue();
        assertThat(same.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(same.wordEditDistance()).isZero();
    }
}
