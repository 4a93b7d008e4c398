package org.vapr.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.io.Json;
import org.vapr.core.record.Span;
import org.vapr.pipeline.BuildPipeline;
import org.vapr.pipeline.edit.RuleEditor;
import org.vapr.world.SceneOracle;
import org.vapr.world.SynthOptions;
import org.vapr.world.SynthReport;
import org.vapr.world.WorldDifficulty;
import org.vapr.world.WorldSynthesizer;
import org.vapr.core.Category;
import org.vapr.pipeline.edit.EditProposal;
import org.vapr.pipeline.edit.EditRequest;
import org.vapr.pipeline.edit.Editor;
import org.vapr.pipeline.edit.TurnExtender;

/** The world's sentences replace the rule extension, and the world's other answer comes first for yes/no questions. */
class WorldSentencesTest {
    @TempDir
    Path tmp;

    private WorldSentences sentences() throws Exception {
        Path labels = tmp.resolve("labels.jsonl");
        Files.writeString(labels, """
                {"id":"000007","turn":0,"kind":"vqa","expected":"existence","question":"Are there any red triangles in the image?","sentence":"No, there are no red triangles in the image.","opposite":"Yes, there is one red triangle in the image."}
                {"id":"000007","turn":1,"kind":"vqa","expected":"counting","question":"How many objects are there?","sentence":"There are two objects."}
                {"id":"000008","turn":0,"kind":"multiple_choice","expected":"multiple_choice"}
                """);
        return WorldSentences.read(labels);
    }

    /** A fallback editor that records what it was asked. */
    private static final class Recording implements Editor {
        final List<EditRequest> asked = new ArrayList<>();

        @Override
        public String name() {
            return "rules";
        }

        @Override
        public String model() {
            return "vapr-rules-1";
        }

        @Override
        public EditProposal propose(EditRequest r) {
            asked.add(r);
            return EditProposal.failed("recorded");
        }
    }

    private static EditRequest request(String id, String prompt, String chosen, Category c, int attempt) {
        return new EditRequest(id, 3, "images/" + id + ".png", c, prompt, chosen, List.of(), attempt, null, 11L * attempt);
    }

    @Test
    void extendsIntoTheWorldsSentenceByRecordAndQuestionAndFallsBackToTheRules() throws Exception {
        WorldSentences w = sentences();
        assertThat(w.size()).isEqualTo(2);
        TurnExtender x = w.extender();
        TurnExtender.Extension e = x.extend("000007", 5, "are there any red triangles in the image?", "No");
        assertThat(e.text()).isEqualTo("No, there are no red triangles in the image.");
        assertThat(e.kindId()).isEqualTo("world_sentence");
        assertThat(e.fallbackReason()).isNull();
        TurnExtender.Extension other = x.extend("000009", 0, "Is there a red circle in the image?", "Yes");
        assertThat(other.kindId()).isNotEqualTo("world_sentence");
        assertThat(other.text()).startsWith("Yes");
        assertThat(other.fallbackReason()).isEqualTo("no world sentence for the question");
    }

    @Test
    void theWorldsOtherAnswerIsTheFirstProposalAndTheRuleEditorTakesOver() throws Exception {
        WorldSentences w = sentences();
        Recording rules = new Recording();
        Editor ed = w.editor(rules);
        assertThat(ed.maxAttempts()).isEqualTo(rules.maxAttempts() + 1);
        assertThat(ed.model()).isEqualTo("vapr-rules-1+world-sentences");
        String prompt = "Are there any red triangles in the image?";
        String chosen = "No, there are no red triangles in the image.";
        EditProposal first = ed.propose(request("000007", prompt, chosen, Category.EXISTENCE, 1));
        assertThat(first.rejected()).isEqualTo("Yes, there is one red triangle in the image.");
        assertThat(first.values()).containsExactly("yes");
        Span s = first.spans().get(0);
        assertThat(first.rejected().substring(s.from(), s.to())).isEqualTo("Yes, there is one red triangle");
        assertThat(rules.asked).isEmpty();
        ed.propose(request("000007", prompt, chosen, Category.EXISTENCE, 2));
        assertThat(rules.asked).extracting(EditRequest::attempt).containsExactly(1);
        ed.propose(request("000007", "How many objects are there?", "There are two objects.", Category.COUNTING, 1));
        assertThat(rules.asked).hasSize(2);
        assertThat(rules.asked.get(1).attempt()).isEqualTo(1);
        ed.propose(request("000007", prompt, "No.", Category.EXISTENCE, 1));
        assertThat(rules.asked).as("a chosen answer other than the world's sentence goes to the rules").hasSize(3);
    }

    @Test
    void changedSpanIsTheMiddleBetweenCommonPrefixAndSuffix() {
        assertThat(WorldSentences.changed("Yes, I can see a red circle.", "No, I do not see a red circle."))
                .isEqualTo(new Span(0, 12));
    }

    @Test
    void aBuildWithTheWorldsSentencesPairsTheWorldsTwoAnswersToEachYesNoQuestion() throws Exception {
        SynthReport world = WorldSynthesizer.synthesize(tmp.resolve("world"), SynthOptions.defaults().withSamples(300)
                .withSeed(5).withImageSize(48).withDifficulty(WorldDifficulty.DEMO));
        WorldSentences w = WorldSentences.read(world.corpus().resolveSibling("labels.jsonl"));
        Path out = tmp.resolve("build");
        BuildPipeline.builder().setInput(world.corpus()).setOut(out).optImages(world.corpus().getParent()).optSize(200)
                .optSeed(3).optVerifier(SceneOracle.load(world.scenesFile())).optExtender(w.extender())
                .optEditor(w.editor(new RuleEditor())).build().run();
        int yesNo = 0;
        int pairs = 0;
        for (String line : Files.readAllLines(out.resolve("pairs.jsonl"))) {
            JsonNode p = Json.mapper().readTree(line);
            pairs++;
            WorldSentences.Sentences s = w.of(p.get("source_id").asText(), p.get("prompt").asText());
            if (s == null) {
                continue;
            }
            assertThat(p.get("chosen").asText()).as(line).isEqualTo(s.sentence());
            if (s.opposite() != null && p.get("edit").get("attempts").asInt() == 1) {
                yesNo++;
                assertThat(p.get("rejected").asText()).as(line).isEqualTo(s.opposite());
            }
        }
        assertThat(pairs).isGreaterThan(100);
        assertThat(yesNo).isGreaterThan(10);
        JsonNode manifest = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.at("/counts/extension/world_sentence").asInt()).isGreaterThan(pairs / 2);
    }
}
