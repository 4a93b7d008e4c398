package org.vapr.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.AnswerVerifier;
import org.vapr.core.Category;
import org.vapr.core.InputException;
import org.vapr.core.Verdict;
import org.vapr.core.io.Json;
import org.vapr.core.manifest.RunManifest;
import org.vapr.eval.Benchmark;
import org.vapr.eval.ScoreReport;
import org.vapr.eval.backend.ImageQuestion;
import org.vapr.eval.backend.ModelAnswer;
import org.vapr.eval.backend.ModelBackend;
import org.vapr.eval.data.WorldQaFile;
import org.vapr.eval.parse.PopeParser;

/** {@link BenchmarkRun} with a scripted backend: world-qa judging, prompts, limits and failed answers. */
class BenchmarkRunTest {
    @TempDir
    Path tmp;

    /** Answers each prompt with a function of it; records what it was asked. */
    static final class ScriptedBackend implements ModelBackend {
        final Function<ImageQuestion, ModelAnswer> script;
        final List<ImageQuestion> asked = new ArrayList<>();

        ScriptedBackend(Function<ImageQuestion, ModelAnswer> script) {
            this.script = script;
        }

        @Override
        public List<ModelAnswer> answer(List<ImageQuestion> items) {
            asked.addAll(items);
            return items.stream().map(script).toList();
        }

        @Override
        public String modelId() {
            return "scripted";
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("kind", "scripted");
        }
    }

    private Path world() throws IOException {
        Path dir = tmp.resolve("world");
        Files.createDirectories(dir.resolve("images"));
        for (String n : List.of("0", "1", "2")) {
            Files.write(dir.resolve("images/" + n + ".png"), new byte[] {1});
        }
        String s = "\\nAnswer the question using a single word or phrase.";
        Files.writeString(dir.resolve("llava.json"), """
                [
                 {"id": "0", "image": "images/0.png", "conversations": [
                   {"from": "human", "value": "<image>\\nIs there a red circle?%1$s"}, {"from": "gpt", "value": "Yes"},
                   {"from": "human", "value": "How many circles are there?%1$s"}, {"from": "gpt", "value": "3"},
                   {"from": "human", "value": "Describe the image in detail."}, {"from": "gpt", "value": "A long description."}]},
                 {"id": "1", "image": "images/1.png", "conversations": [
                   {"from": "human", "value": "<image>\\nIs there a blue square?%1$s"}, {"from": "gpt", "value": "No"},
                   {"from": "human", "value": "What color is the star?%1$s"}, {"from": "gpt", "value": "Green"}]},
                 {"id": "2", "image": "images/2.png", "conversations": [
                   {"from": "human", "value": "<image>\\nWhat word is written?%1$s"}, {"from": "gpt", "value": "BREAD"}]},
                 {"id": "3", "conversations": [
                   {"from": "human", "value": "Tell me a joke.%1$s"}, {"from": "gpt", "value": "No."}]}
                ]
                """.formatted(s));
        Files.writeString(dir.resolve("labels.jsonl"), """
                {"id": "0", "turn": 0, "kind": "vqa", "expected": "existence"}
                {"id": "0", "turn": 1, "kind": "vqa", "expected": "counting"}
                {"id": "0", "turn": 2, "kind": "instruct_detail", "expected": "captioning"}
                {"id": "1", "turn": 0, "kind": "vqa", "expected": "existence"}
                {"id": "1", "turn": 1, "kind": "vqa", "expected": "color"}
                {"id": "2", "turn": 0, "kind": "ocr", "expected": "ocr"}
                {"id": "3", "turn": 0, "kind": "text_only", "expected": "text_only"}
                """);
        return dir;
    }

    @Test
    void worldQaJudgesByTheOracleFirstAndExactMatchWhenItCannotDecide() throws IOException {
        Path dir = world();
        // the model says yes to everything, "4" to counting, "green." to color
        ScriptedBackend model = new ScriptedBackend(q -> ModelAnswer.of(
                q.prompt().startsWith("How many") ? "4" : q.prompt().startsWith("What color") ? "green." : "Yes"));
        // the oracle knows image 0 has a red circle and 3 circles; it cannot judge colors
        List<String> judged = new ArrayList<>();
        AnswerVerifier oracle = (image, category, question, answer) -> {
            judged.add(image + "|" + category + "|" + question + "|" + answer);
            if (category == Category.COLOR) {
                return Verdict.UNKNOWN;
            }
            if (category == Category.COUNTING) {
                return answer.equals("3") ? Verdict.TRUE : Verdict.FALSE;
            }
            return image.equals("images/0.png") == answer.equals("Yes") ? Verdict.TRUE : Verdict.FALSE;
        };
        Path out = tmp.resolve("out");
        RunRequest request = new RunRequest(Benchmark.WORLD_QA, List.of(dir.resolve("llava.json")), null, out, 0, true,
                PopeParser.OFFICIAL, null, 200, 7, WorldQaFile.Turns.SHORT, WorldQaFile.labelsOf(dir.resolve("llava.json")), oracle,
                (q, a, i) -> Category.OBJECT);
        RunResult result = BenchmarkRun.execute(request, model, RunManifest.start("eval run"));

        // short turns with images and category labels only: no detail, OCR or text-only turn
        assertThat(model.asked).extracting(ImageQuestion::prompt).containsExactly(
                "Is there a red circle?\nAnswer the question using a single word or phrase.",
                "How many circles are there?\nAnswer the question using a single word or phrase.",
                "Is there a blue square?\nAnswer the question using a single word or phrase.",
                "What color is the star?\nAnswer the question using a single word or phrase.");
        assertThat(model.asked.get(0).image()).isEqualTo(dir.resolve("images/0.png"));
        assertThat(judged).contains("images/0.png|counting|How many circles are there?|4");
        ScoreReport r = result.report();
        assertThat(r.primary()).isEqualTo("accuracy");
        assertThat(r.score("accuracy").value()).isEqualTo(0.5); // red circle yes (oracle), green (exact)
        assertThat(r.score("exact_match").value()).isEqualTo(0.5);
        assertThat(r.score("oracle_decided").value()).isEqualTo(0.75);
        assertThat(r.score("yes_ratio").value()).isEqualTo(1.0);
        assertThat(r.score("gold_yes_ratio").value()).isEqualTo(0.5);
        assertThat(r.score("category/existence").value()).isEqualTo(0.5);
        assertThat(r.score("category/counting").value()).isEqualTo(0.0);
        assertThat(r.score("category/color").value()).isEqualTo(1.0);
        assertThat(r.score("category/existence").ciLow()).isNotNull();
        assertThat(r.counts().skipped()).isEqualTo(3);

        List<String> items = Files.readAllLines(out.resolve("items.jsonl"));
        assertThat(items).hasSize(4);
        JsonNode color = Json.mapper().readTree(items.get(3));
        assertThat(color.get("question_id").asText()).isEqualTo("1#1");
        assertThat(color.get("verdict").asText()).isEqualTo("unknown");
        assertThat(color.get("parsed").asText()).isEqualTo("green");
        assertThat(color.get("correct").asBoolean()).isTrue();
        JsonNode answer = Json.mapper().readTree(Files.readAllLines(out.resolve("predictions.jsonl")).get(0));
        assertThat(answer.get("question_id").asText()).isEqualTo("0#0");
        assertThat(answer.get("model_id").asText()).isEqualTo("scripted");
        JsonNode manifest = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.path("benchmark").asText()).isEqualTo("world-qa");
        assertThat(manifest.path("counts").path("items").asInt()).isEqualTo(4);
    }

    @Test
    void withoutLabelsTheCategoryFunctionNamesTheCategory() throws IOException {
        Path dir = world();
        Files.delete(dir.resolve("labels.jsonl"));
        ScriptedBackend model = new ScriptedBackend(q -> ModelAnswer.of("No"));
        RunRequest request = new RunRequest(Benchmark.WORLD_QA, List.of(dir.resolve("llava.json")), null, tmp.resolve("o"), 0,
                true, PopeParser.OFFICIAL, null, 0, 1, WorldQaFile.Turns.SHORT, WorldQaFile.labelsOf(dir.resolve("llava.json")),
                null, (q, a, i) -> q.startsWith("Is there") ? Category.EXISTENCE : null);
        RunResult result = BenchmarkRun.execute(request, model, RunManifest.start("eval run"));
        // without labels the OCR turn is asked too (short, with an image); the text-only record never is
        assertThat(model.asked).hasSize(5);
        assertThat(result.report().score("category/existence").value()).isEqualTo(0.5);
        assertThat(result.report().score("category/unlabeled")).isNotNull();
        assertThat(result.report().bootstrap()).isNull();
    }

    @Test
    void popeWithFailedAnswersAndALimit() throws IOException {
        Path dir = tmp.resolve("pope");
        Files.createDirectories(dir);
        Files.write(dir.resolve("a.jpg"), new byte[] {1});
        Files.write(dir.resolve("b"), new byte[] {1});
        Files.writeString(dir.resolve("coco_pope_random.json"), """
                {"question_id": 1, "image": "a.jpg", "text": "Is there a dog in the image?", "label": "yes"}
                {"question_id": 2, "image": "a.jpg", "text": "Is there a cat in the image?", "label": "no"}
                {"question_id": 3, "image": "b", "text": "Is there a cow in the image?", "label": "no"}
                {"question_id": 4, "image": "a.jpg", "text": "Is there a hat in the image?", "label": "no"}
                """);
        ScriptedBackend model = new ScriptedBackend(q -> q.prompt().contains("cat") ? ModelAnswer.failed("503") : ModelAnswer.of("No"));
        RunRequest request = new RunRequest(Benchmark.POPE, List.of(dir.resolve("coco_pope_random.json")), null, tmp.resolve("p"), 3,
                false, PopeParser.OFFICIAL, null, 100, 3, null, null, null, null);
        RunResult result = BenchmarkRun.execute(request, model, RunManifest.start("eval run"));
        assertThat(model.asked).extracting(ImageQuestion::prompt)
                .containsExactly("Is there a dog in the image?", "Is there a cat in the image?", "Is there a cow in the image?");
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.report().counts().missingPredictions()).isEqualTo(1);
        assertThat(result.report().score("random/accuracy").value()).isEqualTo(1.0 / 3);
        assertThat(Files.readAllLines(tmp.resolve("p/predictions.jsonl"))).hasSize(2);
    }

    @Test
    void aMissingImageNamesTheFileAndTheQuestion() throws IOException {
        Path data = tmp.resolve("coco_pope_random.json");
        Files.writeString(data, "{\"question_id\": 9, \"image\": \"gone.jpg\", \"text\": \"Is there a dog?\", \"label\": \"yes\"}\n");
        RunRequest request = RunRequest.of(Benchmark.POPE, List.of(data), tmp.resolve("x"));
        ScriptedBackend model = new ScriptedBackend(q -> ModelAnswer.of("Yes"));
        assertThatThrownBy(() -> BenchmarkRun.execute(request, model, RunManifest.start("eval run")))
                .isInstanceOf(InputException.class).hasMessageContaining("coco_pope_random.json")
                .hasMessageContaining("'9'").hasMessageContaining("gone.jpg");
    }
}
