package org.vapr.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vapr.eval.parse.ChoiceLetterParser;
import org.vapr.eval.parse.ChoiceParser;
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

    private static final List<String> ABCD = List.of("A", "B", "C", "D");

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "Purple|D", "The square is purple.|D", "B|B", "C. Purple|C", "purple!|D",
        "Red or purple|null", "Pink|null", "Purplish|null", "|null",
        "The square in this picture is most certainly not any shade of purple at all|null"})
    void optionTextReadsTheOneOptionTheAnswerNamesWhenThereIsNoLetter(String answer, String expected) {
        List<String> colors = List.of("Yellow", "White", "Red", "Purple");
        assertThat(ChoiceParser.OPTION_TEXT.parse(answer == null ? "" : answer, ABCD, colors)).isEqualTo(expected);
    }

    @Test
    void optionTextMatchesWholeWordsAndOfficialReadsLettersOnly() {
        List<String> counts = List.of("1", "10", "5", "0");
        assertThat(ChoiceParser.OPTION_TEXT.parse("10", ABCD, counts)).as("1 is not found inside 10").isEqualTo("B");
        assertThat(ChoiceParser.OPTION_TEXT.parse("1", ABCD, counts)).isEqualTo("A");
        assertThat(ChoiceParser.OFFICIAL.parse("1", ABCD, counts)).as("official: no letter, unparsable").isNull();
        assertThat(ChoiceParser.OFFICIAL.parse("(C)", ABCD, counts)).isEqualTo("C");
        assertThat(ChoiceParser.OPTION_TEXT.parse("5", ABCD, List.of())).as("options not listed: letters only").isNull();
        assertThat(ChoiceParser.of("option-text")).isEqualTo(ChoiceParser.OPTION_TEXT);
        assertThat(ChoiceParser.of("OFFICIAL")).isEqualTo(ChoiceParser.OFFICIAL);
    }

    @Test
    void naturalBenchOptionTextOnlyFillsInWhereNeitherLabelIsFound() {
        List<String> options = List.of("Purple", "Green");
        assertThat(ChoiceParser.OPTION_TEXT.parseNaturalBench("Green", "multiple_choice", options)).isEqualTo(0);
        assertThat(ChoiceParser.OFFICIAL.parseNaturalBench("Green", "multiple_choice", options)).isEqualTo(-1);
        assertThat(ChoiceParser.OPTION_TEXT.parseNaturalBench("A", "multiple_choice", options)).isEqualTo(1);
        assertThat(ChoiceParser.OPTION_TEXT.parseNaturalBench("a green one", "multiple_choice", options))
                .as("the official search finds the article 'a' first, as NaturalBench's does").isEqualTo(1);
        assertThat(ChoiceParser.OPTION_TEXT.parseNaturalBench("Green", "yes_no", options)).isEqualTo(-1);
    }

    @Test
    void listedOptionsAreReadInlineOrOnLinesOfTheirOwn() {
        assertThat(ChoiceParser.listedOptions("What is on the table? A. a vase B. a lamp")).containsExactly("a vase", "a lamp");
        assertThat(ChoiceParser.listedOptions("What color is the triangle?\nA. Purple\nB. Green")).containsExactly("Purple", "Green");
        assertThat(ChoiceParser.listedOptions("Is the dog sleeping?")).isEmpty();
        assertThat(ChoiceParser.listedOptions("Plan A. or plan B? A) yes B) no C) maybe")).containsExactly("yes", "no", "maybe");
    }
}
