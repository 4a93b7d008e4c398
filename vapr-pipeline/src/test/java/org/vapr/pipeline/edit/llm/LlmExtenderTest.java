package org.vapr.pipeline.edit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vapr.pipeline.edit.AnswerExtender;

class LlmExtenderTest {

    private static LlmExtender extender(ScriptedCaller c, UsageMeter m) {
        return new LlmExtender(c, PromptSet.defaults(), new AnswerExtender(true), m);
    }

    @Test
    void validSentenceIsUsedUnderAStableKey() {
        ScriptedCaller c = ScriptedCaller.answering("{\"sentence\": \"No, there is no red circle in the picture.\"}");
        UsageMeter m = new UsageMeter();
        LlmExtender.Extension e = extender(c, m).extendAnswer("r1", 3, "Is there a red circle in the picture?", "No");
        assertThat(e).isEqualTo(new LlmExtender.Extension("No, there is no red circle in the picture.", "llm_yes_no", null));
        assertThat(c.keys).containsExactly("extend/r1#3");
        assertThat(c.lastText()).contains("Question: Is there a red circle in the picture?").contains("Answer: No");
        assertThat(m.total().calls()).isEqualTo(1);
    }

    @Test
    void wrongPolarityNewFactsAndBadJsonFallBackToTheRulesWithTheReasonCounted() {
        UsageMeter m = new UsageMeter();
        String q = "Is there a red circle in the picture?";
        LlmExtender.Extension flipped = extender(ScriptedCaller.answering("{\"sentence\": \"Yes, there is a red circle in the picture.\"}"), m)
                .extendAnswer("r", 0, q, "No");
        assertThat(flipped.fallbackReason()).isEqualTo(LlmExtender.POLARITY);
        assertThat(flipped.text()).isEqualTo(new AnswerExtender(true).extend(q, "No").text());
        assertThat(flipped.kind()).isEqualTo("yes_no_template");

        LlmExtender.Extension unnegated = extender(ScriptedCaller.answering("{\"sentence\": \"No, there is a red circle in the picture.\"}"), m)
                .extendAnswer("r", 0, q, "No");
        assertThat(unnegated.fallbackReason()).isEqualTo(LlmExtender.POLARITY);

        LlmExtender.Extension invented = extender(ScriptedCaller.answering(
                "{\"sentence\": \"Yes, there is a red circle beside a smiling wooden giraffe in the picture.\"}"), m).extendAnswer("r", 0, q, "Yes");
        assertThat(invented.fallbackReason()).isEqualTo(LlmExtender.NEW_WORDS);

        assertThat(extender(ScriptedCaller.answering("Yes."), m).extendAnswer("r", 0, q, "Yes").fallbackReason())
                .isEqualTo(LlmEditor.INVALID_JSON);
        assertThat(extender(ScriptedCaller.answering("{\"sentence\": \"There are 4 planes.\"}"), m)
                .extendAnswer("r", 0, "How many planes are there?", "5").fallbackReason()).isEqualTo(LlmExtender.ANSWER_MISSING);
        assertThat(m.events()).containsEntry("extend_fallback:extend_polarity", 2L).containsEntry("extend_fallback:extend_new_words", 1L);
    }

    @Test
    void shortAnswersAreExtendedAndSentencesAreNeverSent() {
        ScriptedCaller c = ScriptedCaller.answering("{\"sentence\": \"There are 4 planes in the sky.\"}");
        LlmExtender x = extender(c, new UsageMeter());
        assertThat(x.extendAnswer("r", 0, "How many planes are in the sky?", "4"))
                .isEqualTo(new LlmExtender.Extension("There are 4 planes in the sky.", "llm_short", null));
        LlmExtender.Extension s = x.extendAnswer("r", 1, "What is happening?", "Two men are playing frisbee in a park.");
        assertThat(s.kind()).isEqualTo("sentence");
        assertThat(c.keys).containsExactly("extend/r#0");
    }
}
