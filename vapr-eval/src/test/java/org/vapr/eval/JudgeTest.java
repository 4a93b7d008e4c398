package org.vapr.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vapr.eval.judge.ContextualJudge;
import org.vapr.eval.judge.JudgeRunner;
import org.vapr.eval.judge.LlavaBenchJudge;
import org.vapr.eval.judge.MmVetJudge;
import org.vapr.llm.ChatCaller;
import org.vapr.llm.ChatRequest;
import org.vapr.llm.ChatResult;
import org.vapr.llm.ContentPart;

class JudgeTest {

    private static ChatResult reply(String text) {
        return new ChatResult(text, null, null, "stop", ChatResult.Usage.NONE, 1, Duration.ZERO);
    }

    private static String text(ChatRequest r) {
        StringBuilder b = new StringBuilder();
        r.messages().forEach(m -> m.parts().forEach(p -> b.append(((ContentPart.Text) p).text())));
        return b.toString();
    }

    @Test
    void llavaBenchRelativeScoreCountsUnparsedReviewsAsMinusOne() {
        assertThat(LlavaBenchJudge.parse("8 6\nAssistant 1 is better")).isEqualTo(new LlavaBenchJudge.ScorePair(8, 6, true));
        assertThat(LlavaBenchJudge.parse("9,7")).isEqualTo(new LlavaBenchJudge.ScorePair(9, 7, true));
        assertThat(LlavaBenchJudge.parse("Scores: 8 6").parsed()).isFalse();
        // the judge's replies depend on the model answer in the request
        ChatCaller judge = (key, request) -> {
            String t = text(request);
            return reply(t.contains("good answer") ? "8 8\nequal" : t.contains("poor answer") ? "10 5\n..." : "I refuse");
        };
        List<JudgeRunner.LlavaBenchCase> cases = List.of(
                new JudgeRunner.LlavaBenchCase("1", "conv", "A dog on grass.", "What animal?", "A dog.", "good answer"),
                new JudgeRunner.LlavaBenchCase("2", "conv", "A dog on grass.", "What color?", "Brown.", "poor answer"),
                new JudgeRunner.LlavaBenchCase("3", "detail", "A cat.", "Describe.", "A cat sits.", "strange answer"));
        List<LlavaBenchJudge.Review> reviews = new JudgeRunner(judge, 2).llavaBench(cases);
        assertThat(reviews).extracting(LlavaBenchJudge.Review::questionId).containsExactly("1", "2", "3");
        List<LlavaBenchJudge.CategoryScore> s = LlavaBenchJudge.summarize(reviews);
        // conv: reference mean (8+10)/2 = 9, model (8+5)/2 = 6.5 -> 100·6.5/9
        assertThat(s.get(0).category()).isEqualTo("conv");
        assertThat(s.get(0).relativeScore()).isCloseTo(100 * 6.5 / 9, within(1e-9));
        assertThat(s.get(0).parseFailures()).isZero();
        // all: reference (8+10-1)/3, model (8+5-1)/3 -> 100·12/17, one failure
        LlavaBenchJudge.CategoryScore all = s.get(2);
        assertThat(all.category()).isEqualTo("all");
        assertThat(all.relativeScore()).isCloseTo(100 * 12.0 / 17, within(1e-9));
        assertThat(all.parseFailures()).isEqualTo(1);
        String prompt = text(LlavaBenchJudge.request("ctx", "q", "ref", "ans"));
        assertThat(prompt).contains("[Assistant 1]\nref\n\n[End of Assistant 1]").contains("[Assistant 2]\nans");
    }

    @Test
    void mmVetRetriesWithRisingTemperatureAndGivesZeroAfterFiveFailures() {
        List<String> keys = Collections.synchronizedList(new ArrayList<>());
        List<Double> temps = Collections.synchronizedList(new ArrayList<>());
        ChatCaller judge = (key, request) -> {
            keys.add(key);
            String t = text(request);
            if (t.contains("| forty-two |")) {
                temps.add(request.temperature());
                return reply(keys.stream().filter(k -> k.startsWith("mm-vet/b")).count() < 3 ? "The" : "0.5 because");
            }
            if (t.contains("| 42 | 42 |")) {
                return reply("0.8");
            }
            temps.add(request.temperature());
            return reply("unsure");
        };
        List<MmVetJudge.Grade> grades = new JudgeRunner(judge, 1).mmVet(List.of(
                new JudgeRunner.MmVetCase("a", "What is x?", "42", "42", List.of("math")),
                new JudgeRunner.MmVetCase("b", "What is x?", "42", "forty-two", List.of("math", "ocr")),
                new JudgeRunner.MmVetCase("c", "Explain.", "fun<AND>joke", "nothing", List.of("gen"))));
        assertThat(grades.get(0).score()).isEqualTo(0.8);
        assertThat(grades.get(1).score()).isEqualTo(0.5);
        assertThat(grades.get(1).attempts()).isEqualTo(3);
        assertThat(grades.get(2).failed()).isTrue();
        assertThat(grades.get(2).score()).isZero();
        assertThat(grades.get(2).attempts()).isEqualTo(5);
        assertThat(temps.subList(3, 8)).containsExactly(0.0, 0.0, 0.5, 1.0, 1.5);
        assertThat(keys).contains("mm-vet/c/attempt-4");
        Map<String, Double> s = MmVetJudge.summarize(grades);
        assertThat(s.get("total")).isCloseTo(100 * 1.3 / 3, within(1e-9));
        assertThat(s.get("math")).isCloseTo(65.0, within(1e-9));
        assertThat(s.get("gen")).isZero();
        assertThat(MmVetJudge.failures(grades)).isEqualTo(1);
        String prompt = text(MmVetJudge.request("Explain.", "fun<AND>joke", "nothing", 0));
        assertThat(prompt).startsWith("Compare the ground truth and prediction").endsWith("\nExplain. | fun <AND> joke | nothing | ");
    }

    @Test
    void contextualScoresTheShareOfYes() {
        assertThat(ContextualJudge.parse("Judgement: Yes")).contains(true);
        assertThat(ContextualJudge.parse("Reasoning...\njudgement: no.")).contains(false);
        assertThat(ContextualJudge.parse("Yes")).isEmpty();
        ChatCaller judge = (key, request) -> reply(key.endsWith("/1") ? "Judgement: Yes" : key.endsWith("/2") ? "Judgement: No" : "maybe");
        var judged = new JudgeRunner(judge, 3).contextual(List.of(
                new JudgeRunner.ContextualCase("1", "time", "What time is it?", "3 pm", "3 pm"),
                new JudgeRunner.ContextualCase("2", "time", "What time is it?", "3 pm", "4 pm"),
                new JudgeRunner.ContextualCase("3", "shopping", "Price?", "$5", "five")));
        assertThat(ContextualJudge.score(judged)).isCloseTo(100 / 3.0, within(1e-9));
        assertThat(ContextualJudge.failures(judged)).isEqualTo(1);
    }
}
