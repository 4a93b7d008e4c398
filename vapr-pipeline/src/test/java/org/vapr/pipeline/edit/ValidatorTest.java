package org.vapr.pipeline.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vapr.core.AnswerVerifier;
import org.vapr.core.Category;
import org.vapr.core.Verdict;
import org.vapr.core.record.Span;

class ValidatorTest {
    private final Validator v = new Validator(ValidationBounds.defaults(), null);

    private static EditProposal p(String rejected) {
        return EditProposal.of(rejected, List.of(new Span(0, Math.min(1, rejected.length()))), List.of("x"));
    }

    private String reason(Category c, String chosen, String rejected) {
        return v.check("i.png", c, "q?", chosen, p(rejected)).reason();
    }

    @Test
    void rejectsBadEditsWithTheRightReason() {
        assertThat(reason(Category.COLOR, "The star is red.", "the star is  RED")).isEqualTo(Validator.IDENTICAL);
        assertThat(v.check("i", Category.COLOR, "q", "The star is red.", EditProposal.of("The star is blue.", List.of(), List.of()))
                .reason()).isEqualTo(Validator.NO_SPAN);
        assertThat(v.check("i", Category.COLOR, "q", "The star is red.", EditProposal.of("The star is blue.", List.of(new Span(5, 99)), List.of()))
                .reason()).isEqualTo(Validator.NO_SPAN);
        assertThat(reason(Category.COLOR, "The star is red.", "A completely different answer about a blue thing.")).isEqualTo(Validator.TOO_FAR);
        assertThat(reason(Category.COLOR, "The star is red.", "The star is supercalifragilisticexpialidocious.")).isEqualTo(Validator.LENGTH);
        assertThat(reason(Category.COUNTING, "There are 3 stars.", "There are 3 circles.")).isEqualTo(Validator.CATEGORY);
        assertThat(reason(Category.COLOR, "The star is red.", "The circle is red.")).isEqualTo(Validator.CATEGORY);
        assertThat(reason(Category.EXISTENCE, "Yes, there is a dog.", "Yes, there is a cat.")).isEqualTo(Validator.CATEGORY);
        assertThat(reason(Category.SPATIAL, "The cup is left of the plate.", "The mug is left of the plate.")).isEqualTo(Validator.CATEGORY);
        assertThat(reason(Category.SIZE, "The star is small.", "The circle is small.")).isEqualTo(Validator.CATEGORY);
        // accepted edits
        assertThat(reason(Category.COUNTING, "There are 3 stars.", "There are 5 stars.")).isNull();
        assertThat(reason(Category.EXISTENCE, "Yes, there is a dog.", "No, there is no dog.")).isNull();
        assertThat(reason(Category.SPATIAL, "Yes, the cup is left of the plate.", "No, the cup is not left of the plate.")).isNull();
        assertThat(reason(Category.OBJECT, "The man is surfing.", "The man is skiing.")).isNull();
    }

    @Test
    void looserBoundsForCaptioning() {
        String chosen = "A red bus and a red car are parked near two tall trees on a sunny day.";
        String rejected = "A blue bus and a blue car are parked near three short trees on a rainy day.";
        assertThat(reason(Category.CAPTIONING, chosen, rejected)).isNull();
        assertThat(reason(Category.OBJECT, chosen, rejected)).isEqualTo(Validator.TOO_FAR);
    }

    @Test
    void verifierDecides() {
        AnswerVerifier fake = (image, c, q, answer) -> answer.contains("red") ? Verdict.TRUE
                : answer.contains("blue") ? Verdict.FALSE : Verdict.UNKNOWN;
        Validator withOracle = new Validator(ValidationBounds.defaults(), fake);
        assertThat(withOracle.check("i", Category.COLOR, "q", "The star is green.", p("The star is red.")).reason())
                .isEqualTo(Validator.ORACLE_TRUE);
        Validator.Outcome ok = withOracle.check("i", Category.COLOR, "q", "The star is red.", p("The star is blue."));
        assertThat(ok.accepted()).isTrue();
        assertThat(ok.verdict()).isEqualTo(Verdict.FALSE);
        assertThat(withOracle.check("i", Category.COLOR, "q", "The star is red.", p("The star is pink.")).verdict())
                .isEqualTo(Verdict.UNKNOWN);
        assertThat(withOracle.verifyChosen("i", Category.COLOR, "q", "The star is red.")).isEqualTo(Verdict.TRUE);
    }

    @Test
    void tokenDeltaUsesO200k() {
        Validator.Outcome o = v.check("i", Category.SPATIAL, "q", "The cup is next to the plate.", p("The cup is far away from the plate."));
        assertThat(o.accepted()).isTrue();
        assertThat(o.tokenLengthDelta()).isEqualTo(TokenCounter.count("The cup is next to the plate.")
                - TokenCounter.count("The cup is far away from the plate.")).isNegative();
        assertThat(o.wordEditDistance()).isEqualTo(3);
    }
}
