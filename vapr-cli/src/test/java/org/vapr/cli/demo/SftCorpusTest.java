package org.vapr.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;
import org.vapr.core.manifest.Tally;

/** The demo's SFT corpus keeps exactly the turns of the chosen categories, in order, with LLaVA's image marker. */
class SftCorpusTest {
    private static final String CORPUS = """
            [{"id":"1","image":"images/1.png","conversations":[
               {"from":"human","value":"<image>\\nWhat shape is on the left?"},{"from":"gpt","value":"Star"},
               {"from":"human","value":"Is there a red star?"},{"from":"gpt","value":"Yes"},
               {"from":"human","value":"How many stars are there?"},{"from":"gpt","value":"2"}]},
             {"id":"2","image":"images/2.png","conversations":[
               {"from":"human","value":"<image>\\nWhere is the circle?"},{"from":"gpt","value":"Top"}]},
             {"id":"3","conversations":[{"from":"human","value":"Is there a cat?"},{"from":"gpt","value":"No"}]}]
            """;
    private static final String LABELS = """
            {"id":"1","turn":0,"kind":"vqa","expected":"object"}
            {"id":"1","turn":1,"kind":"vqa","expected":"existence"}
            {"id":"1","turn":2,"kind":"vqa","expected":"counting"}
            {"id":"2","turn":0,"kind":"vqa","expected":"spatial"}
            {"id":"3","turn":0,"kind":"text_only","expected":"text_only"}
            """;

    @Test
    void keepsTheChosenCategoriesAndMovesTheImageMarker(@TempDir Path dir) throws Exception {
        Path corpus = Files.writeString(dir.resolve("llava.json"), CORPUS);
        Path labels = Files.writeString(dir.resolve("labels.jsonl"), LABELS);
        Path out = dir.resolve("sft.json");

        Tally tally = SftCorpus.write(corpus, labels, List.of("existence", "counting"), out);

        JsonNode records = Json.mapper().readTree(out.toFile());
        assertThat(records).hasSize(1);
        JsonNode c = records.get(0).get("conversations");
        assertThat(records.get(0).get("image").asText()).isEqualTo("images/1.png");
        assertThat(c).hasSize(4);
        assertThat(c.get(0).get("value").asText()).isEqualTo("<image>\nIs there a red star?");
        assertThat(c.get(1).get("value").asText()).isEqualTo("Yes");
        assertThat(c.get(2).get("value").asText()).isEqualTo("How many stars are there?");
        assertThat(c.get(3).get("value").asText()).isEqualTo("2");
        assertThat(tally.asMap()).containsEntry("kept.existence", 1L).containsEntry("kept.counting", 1L)
                .containsEntry("dropped.object", 1L).containsEntry("dropped.spatial", 1L).containsEntry("dropped.text_only", 1L)
                .hasSize(5);
    }

    @Test
    void aSceneRangeSplitsTheCorpusWithTextRecordsFollowingTheirScene(@TempDir Path dir) throws Exception {
        // scenes: 0 = record 1, 1 = record 2 and the text record 3 after it; the SFT side and the pair side share nothing
        Path corpus = Files.writeString(dir.resolve("llava.json"), CORPUS);
        Path labels = Files.writeString(dir.resolve("labels.jsonl"), LABELS);

        Tally first = SftCorpus.write(corpus, labels, List.of("existence", "spatial"), 0, 1, dir.resolve("sft.json"));
        Tally rest = SftCorpus.write(corpus, labels, List.of("existence", "spatial"), 1, 2, dir.resolve("pairs.json"));

        assertThat(Json.mapper().readTree(dir.resolve("sft.json").toFile()).findValuesAsText("id")).containsExactly("1");
        assertThat(Json.mapper().readTree(dir.resolve("pairs.json").toFile()).findValuesAsText("id")).containsExactly("2");
        assertThat(first.asMap()).containsEntry("kept.existence", 1L).doesNotContainKey("kept.spatial");
        assertThat(rest.asMap()).containsEntry("kept.spatial", 1L).containsEntry("dropped.text_only", 1L).doesNotContainKey("kept.existence");

        assertThat(SftCorpus.writeScenes(corpus, 0, 1, dir.resolve("scene0.json"))).isEqualTo(1);
        assertThat(SftCorpus.writeScenes(corpus, 1, 2, dir.resolve("scene1.json"))).isEqualTo(2);
        assertThat(Json.mapper().readTree(dir.resolve("scene1.json").toFile()).findValuesAsText("id")).containsExactly("2", "3");
    }

    @Test
    void aLabelLineWithoutItsFieldsIsNamed(@TempDir Path dir) throws Exception {
        Path corpus = Files.writeString(dir.resolve("llava.json"), CORPUS);
        Path labels = Files.writeString(dir.resolve("labels.jsonl"), "{\"id\":\"1\",\"turn\":0,\"kind\":\"vqa\",\"expected\":\"object\"}\n{\"id\":\"1\"}\n");
        assertThatThrownBy(() -> SftCorpus.write(corpus, labels, List.of("existence"), dir.resolve("out.json")))
                .isInstanceOf(InputException.class).hasMessageContaining("labels.jsonl: line 2: needs id, turn and expected");
    }
}
