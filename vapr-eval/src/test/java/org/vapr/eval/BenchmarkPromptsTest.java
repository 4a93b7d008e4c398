package org.vapr.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vapr.eval.data.BenchmarkPrompts;
import org.vapr.eval.data.EvalItem;

/** The prompts of each benchmark, as the official harnesses build them. */
class BenchmarkPromptsTest {
    private static EvalItem item(String question, List<String> options, String type) {
        return new EvalItem("1", null, null, null, "x.jpg", question, options, "A", null, null, type);
    }

    @Test
    void popeAppendsLlavasShortAnswerInstructionUnlessTurnedOff() {
        EvalItem it = item("Is there a dog in the image?", List.of(), null);
        assertThat(BenchmarkPrompts.prompt(Benchmark.POPE, it, true))
                .isEqualTo("Is there a dog in the image?\nAnswer the question using a single word or phrase.");
        assertThat(BenchmarkPrompts.prompt(Benchmark.POPE, it, false)).isEqualTo("Is there a dog in the image?");
    }

    @Test
    void naturalBenchAddsTheOfficialSuffixPerQuestionType() {
        assertThat(BenchmarkPrompts.prompt(Benchmark.NATURALBENCH, item("Is the cup red?", List.of(), "yes_no"), true))
                .isEqualTo("Is the cup red? Please answer Yes or No.");
        assertThat(BenchmarkPrompts.prompt(Benchmark.NATURALBENCH, item("Which? A. x B. y", List.of(), "multiple_choice"), true))
                .isEqualTo("Which? A. x B. y Please output the letter corresponding to the correct option.");
    }

    @Test
    void multipleChoiceListsTheOptionsThenAsksForTheLetter() {
        assertThat(BenchmarkPrompts.prompt(Benchmark.SEED, item("What is it?", List.of("cat", "dog"), null), true))
                .isEqualTo("What is it?\nA. cat\nB. dog\nAnswer with the option's letter from the given choices directly.");
        assertThat(BenchmarkPrompts.prompt(Benchmark.MMSTAR, item("What? Options: A: x, B: y", List.of("x", "y"), null), true))
                .isEqualTo("What? Options: A: x, B: y\nAnswer with the option's letter from the given choices directly.");
    }

    @Test
    void worldQuestionsLoseTheImageTagOnly() {
        assertThat(BenchmarkPrompts.prompt(Benchmark.WORLD_QA,
                item("<image>\nHow many?\nAnswer the question using a single word or phrase.", List.of(), null), true))
                .isEqualTo("How many?\nAnswer the question using a single word or phrase.");
        assertThat(BenchmarkPrompts.bareQuestion("<image>\nHow many?\nAnswer the question using a single word or phrase."))
                .isEqualTo("How many?");
    }
}
