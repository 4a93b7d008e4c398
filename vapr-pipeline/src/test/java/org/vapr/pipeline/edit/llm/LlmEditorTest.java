package org.vapr.pipeline.edit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vapr.core.Category;
import org.vapr.core.record.Span;
import org.vapr.llm.ChatClient;
import org.vapr.llm.ChatSettings;
import org.vapr.llm.ContentPart;
import org.vapr.llm.LlmException;
import org.vapr.llm.Resilience;
import org.vapr.llm.loopback.Fault;
import org.vapr.llm.loopback.LoopbackChatServer;
import org.vapr.pipeline.edit.EditProposal;
import org.vapr.pipeline.edit.EditRequest;

class LlmEditorTest {
    private static final String CHOSEN = "There are four planes on the runway.";

    private static EditRequest request(int attempt, List<String> avoid, String feedback) {
        return new EditRequest("rec-7", 2, "images/000007.png", Category.COUNTING, "How many planes are there?", CHOSEN,
                avoid, attempt, feedback, 99L);
    }

    private static LlmEditor editor(ScriptedCaller caller, VisualContext context) {
        return LlmEditor.builder().setCaller(caller).setModel("gpt-4o").optContext(context).build();
    }

    @Test
    void validAnswerBecomesProposalWithSpansValuesUsageAndStableKey() throws Exception {
        ScriptedCaller caller = ScriptedCaller.answering(
                "{\"rejected\": \"There are six planes on the runway.\", \"spans\": [{\"from\": 10, \"to\": 13}]}");
        EditProposal p = editor(caller, VisualContext.none()).propose(request(1, List.of(), null));

        assertThat(p.ok()).isTrue();
        assertThat(p.rejected()).isEqualTo("There are six planes on the runway.");
        assertThat(p.spans()).containsExactly(new Span(10, 13));
        assertThat(p.values()).containsExactly("six");
        assertThat(p.usage()).isEqualTo(new EditProposal.Usage(1, 100, 20));
        assertThat(caller.keys).containsExactly("edit/rec-7#2/attempt-1");
        assertThat(caller.requests.get(0).schema().name()).isEqualTo("vapr_edit");
        assertThat(caller.requests.get(0).schema().schema().path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void promptCarriesPenaltyListFeedbackContextAndInstructionAndTemperatureRises() throws Exception {
        ScriptedCaller caller = ScriptedCaller.answering("{\"rejected\": \"There are six planes on the runway.\", \"spans\": []}");
        LlmEditor e = editor(caller, VisualContext.scene(img -> Optional.of("SCENE: four grey planes parked in a row")));
        e.propose(request(3, List.of("three", "five"), "edit_too_far"));

        String text = caller.lastText();
        assertThat(text).contains("three, five")
                .contains("changed too many words")
                .contains("SCENE: four grey planes parked in a row")
                .contains("Counting.")
                .contains("Chosen answer: " + CHOSEN)
                .contains("Question: How many planes are there?");
        assertThat(caller.keys).containsExactly("edit/rec-7#2/attempt-3");
        assertThat(caller.requests.get(0).temperature()).isEqualTo(e.temperature(3)).isGreaterThan(e.temperature(1));
    }

    @Test
    void imageContextSendsTheImageAsDataUrl(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("images"));
        java.nio.file.Files.write(dir.resolve("images/000007.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        ScriptedCaller caller = ScriptedCaller.answering("{\"rejected\": \"There are six planes on the runway.\", \"spans\": []}");
        editor(caller, VisualContext.parse("image", dir, null, false)).propose(request(1, List.of(), null));

        assertThat(caller.requests.get(0).messages().get(1).parts())
                .anySatisfy(p -> assertThat(p).isInstanceOfSatisfying(ContentPart.Image.class,
                        i -> assertThat(i.url()).isEqualTo("data:image/png;base64,iVBORw==")));
    }

    @Test
    void refusalInvalidJsonAndSchemaViolationsAreFailedProposalsWithUsage() throws Exception {
        EditProposal refused = editor(new ScriptedCaller(r -> ScriptedCaller.refusal("I can't help with that.")), VisualContext.none())
                .propose(request(1, List.of(), null));
        assertThat(refused.failure()).isEqualTo("llm_refusal");
        assertThat(refused.usage().calls()).isEqualTo(1);
        assertThat(refused.usage().promptTokens()).isEqualTo(90);

        assertThat(editor(ScriptedCaller.answering("Sure! Here is the edit: six planes"), VisualContext.none())
                .propose(request(1, List.of(), null)).failure()).isEqualTo("llm_invalid_json");
        for (String bad : List.of(
                "{\"rejected\": \"There are six planes.\"}",
                "{\"rejected\": \"x\", \"spans\": [{\"from\": \"1\", \"to\": 2}]}",
                "{\"rejected\": \"x\", \"spans\": [], \"why\": \"because\"}",
                "{\"rejected\": 6, \"spans\": []}",
                "{\"rejected\": \"x\", \"spans\": [{\"from\": 1.5, \"to\": 2}]}")) {
            assertThat(editor(ScriptedCaller.answering(bad), VisualContext.none()).propose(request(1, List.of(), null)).failure())
                    .as(bad).isEqualTo("llm_schema_violation");
        }
    }

    @Test
    void outOfRangeSpansAreRecomputedFromTheWordDiff() throws Exception {
        EditProposal p = editor(ScriptedCaller.answering(
                "{\"rejected\": \"There are six planes on the runway.\", \"spans\": [{\"from\": 10, \"to\": 400}]}"), VisualContext.none())
                .propose(request(1, List.of(), null));
        assertThat(p.ok()).isTrue();
        assertThat(p.spans()).containsExactly(new Span(10, 13));
        assertThat(p.values()).containsExactly("six");
    }

    @Test
    void meterCountsCallsTokensAndFailures() throws Exception {
        UsageMeter meter = new UsageMeter();
        LlmEditor e = LlmEditor.builder().setCaller(ScriptedCaller.answering("no json")).setModel("m").optMeter(meter).build();
        e.propose(request(1, List.of(), null));
        e.propose(request(2, List.of(), "edit_no_span"));
        assertThat(meter.total()).isEqualTo(new EditProposal.Usage(2, 200, 40));
        assertThat(meter.events()).isEqualTo(Map.of("llm_invalid_json", 2L));
    }

    @Test
    void fatalServerErrorPropagates() throws Exception {
        try (LoopbackChatServer server = LoopbackChatServer.start();
             ChatClient client = new ChatClient(
                     ChatSettings.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-test"), server.baseUrl().toString(), "gpt-4o"),
                     Resilience.defaults().withDelayScale(0))) {
            server.enqueue(Fault.UNAUTHORIZED);
            LlmEditor e = LlmEditor.builder().setCaller(client).setModel("gpt-4o").build();
            assertThatThrownBy(() -> e.propose(request(1, List.of(), null)))
                    .isInstanceOfSatisfying(LlmException.class, x -> {
                        assertThat(x.fatal()).isTrue();
                        assertThat(x.status()).isEqualTo(401);
                    });
        }
    }

    @Test
    void fallbackEditorHandsOverToTheRulesAfterTheLlmAttemptsAndCountsIt() throws Exception {
        UsageMeter meter = new UsageMeter();
        ScriptedCaller caller = ScriptedCaller.answering("no json");
        LlmEditor llm = LlmEditor.builder().setCaller(caller).setModel("m").optMaxAttempts(2).optMeter(meter).build();
        FallbackEditor f = new FallbackEditor(llm, new org.vapr.pipeline.edit.RuleEditor(), meter);
        assertThat(f.maxAttempts()).isEqualTo(5);
        assertThat(f.propose(request(2, List.of(), null)).ok()).isFalse();
        EditProposal rules = f.propose(request(3, List.of(), "edit_no_span"));
        f.propose(request(4, List.of(), "edit_identical"));
        assertThat(rules.ok()).isTrue();
        assertThat(rules.rejected()).isNotEqualTo(CHOSEN).startsWith("There are ");
        assertThat(caller.keys).hasSize(1);
        assertThat(meter.events()).containsEntry(FallbackEditor.FALLBACK, 1L);
    }

    @Test
    void withCallerKeepsConfigurationAndMeterAndFingerprintHasNoSecrets() throws Exception {
        UsageMeter meter = new UsageMeter();
        LlmEditor e = LlmEditor.builder().setCaller(ScriptedCaller.answering("x")).setModel("gpt-4o").optMaxAttempts(4)
                .optMeter(meter).optFingerprint(Map.of("base_url", "http://127.0.0.1:8000/v1")).build();
        ScriptedCaller other = ScriptedCaller.answering(
                "{\"rejected\": \"There are six planes on the runway.\", \"spans\": []}");
        LlmEditor j = e.withCaller(other);
        assertThat(j.caller()).isSameAs(other);
        assertThat(j.maxAttempts()).isEqualTo(4);
        assertThat(j.fingerprint()).isEqualTo(e.fingerprint())
                .containsEntry("base_url", "http://127.0.0.1:8000/v1").containsEntry("llm_model", "gpt-4o")
                .containsEntry("prompts_sha256", PromptSet.defaults().combinedSha256()).containsEntry("context", "none");
        j.propose(request(1, List.of(), null));
        assertThat(meter.total().calls()).isEqualTo(1);
        FallbackEditor f = new FallbackEditor(e, new org.vapr.pipeline.edit.RuleEditor(), meter);
        assertThat(f.withCaller(other).caller()).isSameAs(other);
        assertThat(f.fingerprint()).containsEntry("fallback", "rules:vapr-rules-1x3");
    }

    @Test
    void wordDiffFindsReplacementsInsertionsAndDeletions() {
        WordDiff d = WordDiff.of("A man in a red jacket rides a bike.", "A man in a green jacket rides a red scooter.");
        assertThat(d.values()).containsExactly("green", "red", "scooter");
        WordDiff del = WordDiff.of("Yes, there is a red circle.", "Yes, there is circle.");
        assertThat(del.values()).isEmpty();
        assertThat(del.spans()).containsExactly(new Span(14, 14));
    }
}
