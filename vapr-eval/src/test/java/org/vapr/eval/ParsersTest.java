package org.vapr.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vapr.eval.parse.ChoiceLetterParser;
import org.vapr.eval.parse.NaturalBenchParser;
import org.vapr.eval.parse.PopeParser;

class ParsersTest {

    @Test
    void popeParsersDisagreeWhereTheOfficialOneReadsSentences() {
        assertThat(PopeParser.OFFICIAL.parse("Yes, there is.")).isEqualTo("yes");
        assertThat(PopeParser.LMMS_EVAL.parse("Yes, there is.")).isNull();
        assertThat(PopeParser.OFFICIAL.parse("There is no dog in the image.")).isEqualTo("no");
        assertThat(PopeParser.LMMS_EVAL.parse("There is no dog in the image.")).isNull();
        assertThat(PopeParser.LMMS_EVAL.parse("  YES ")).isEqualTo("yes");
    }

    @Test
    void officialPopeParserKeepsItsQuirks() {
        assertThat(PopeParser.OFFICIAL.parse("")).as("empty is yes").isEqualTo("yes");
        assertThat(PopeParser.OFFICIAL.parse("NO")).as("only No, no, not count").isEqualTo("yes");
        assertThat(PopeParser.OFFICIAL.parse("Yes. There is no cat.")).as("first sentence only").isEqualTo("yes");
        assertThat(PopeParser.OFFICIAL.parse("No,there is")).as("comma dropped joins words").isEqualTo("yes");
        assertThat(PopeParser.OFFICIAL.parse("no\nthere is")).as("newline does not split").isEqualTo("yes");
        assertThat(PopeParser.OFFICIAL.parse("It is not.")).isEqualTo("no");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Yes|yes_no|1", "no|yes_no|0", "No, yes|yes_no|0", "yes, no|yes_no|1", "nope|yes_no|-1", "I cannot tell|yes_no|-1",
        "A|multiple_choice|1", "b|multiple_choice|0", "The answer is B|multiple_choice|0", "a cat|multiple_choice|1",
        "Bob|multiple_choice|-1", "B, not A|multiple_choice|0"})
    void naturalBenchTakesTheEarliestWholeWordLabel(String answer, String type, int expected) {
        assertThat(NaturalBenchParser.parse(answer, type)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "B|B", "(c)|C", "D.|D", "The answer is (C).|C", "Answer: b|B", "B. a dog|B", "(A) left|A",
        "I pick option (D) because|D", "the correct option is B|B", "It is C: red|C",
        "A cat sits on the mat.|null", "E|null", "I do not know|null", "A. A cat|A"})
    void choiceLettersFollowThePriorityRules(String answer, String expected) {
        assertThat(ChoiceLetterParser.parse(answer, List.of("A", "B", "C", "D"))).isEqualTo(expected);
    }
}
