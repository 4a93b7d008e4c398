package org.vapr.pipeline.edit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.InputException;

class CaptionContextTest {
    private static final String COCO = """
            {"info": {"year": 2017}, "annotations": [
              {"image_id": 9, "id": 1, "caption": "A bowl of broccoli and oranges."},
              {"image_id": 9, "id": 2, "caption": " Fruit and vegetables in lunch boxes. "},
              {"image_id": 25, "id": 3},
              {"image_id": 30, "id": 4, "caption": "A vase of flowers."}],
             "images": [{"id": 9, "file_name": "000000000009.jpg"}, {"id": 30, "file_name": "000000000030.jpg"}],
             "licenses": []}
            """;

    @Test
    void cocoCaptionsMatchByFileNameAndBadRecordsAreCounted(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("captions_train2017.json"), COCO);
        CaptionContext c = CaptionContext.load(f, false);
        assertThat(c.kind()).isEqualTo("captions");
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.describe("coco/train2017/000000000009.jpg")).hasValue(
                "Captions written by people:\n- A bowl of broccoli and oranges.\n- Fruit and vegetables in lunch boxes.");
        assertThat(c.describe("coco/train2017/000000000025.jpg")).isEmpty();
        assertThat(c.badRecords()).isEqualTo(1);
        assertThat(c.firstProblem()).contains("captions_train2017.json").contains("record 2").contains("annotations[2].caption");
    }

    @Test
    void strictModeStopsAtTheBadRecordNamingFileRecordAndField(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("caps.json"), COCO);
        assertThatThrownBy(() -> CaptionContext.load(f, true)).isInstanceOf(InputException.class)
                .hasMessageContaining("caps.json").hasMessageContaining("record 2").hasMessageContaining("annotations[2].caption");
    }

    @Test
    void jsonlLinesMatchByPathThenNameAndBadLinesAreCounted(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("caps.jsonl"), """
                {"image": "images/000001.png", "caption": "Two red circles on a night sky."}
                {"image": "images/000002.png"}
                not json
                {"image": "other/000003.png", "caption": "A star."}
                """);
        CaptionContext c = CaptionContext.load(f, false);
        assertThat(c.describe("images/000001.png")).hasValueSatisfying(s -> assertThat(s).endsWith("- Two red circles on a night sky."));
        assertThat(c.describe("elsewhere/000003.png")).hasValueSatisfying(s -> assertThat(s).endsWith("- A star."));
        assertThat(c.badRecords()).isEqualTo(2);
        assertThat(c.firstProblem()).contains("caps.jsonl: line 2").contains("'caption'");
    }

    @Test
    void parseKnowsTheFourKindsAndRejectsOthers(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("caps.jsonl"), "{\"image\": \"a.png\", \"caption\": \"x\"}\n");
        assertThat(VisualContext.parse("none", dir, null, false).kind()).isEqualTo("none");
        assertThat(VisualContext.parse("image", dir, null, false).kind()).isEqualTo("image");
        assertThat(VisualContext.parse("captions:" + f, dir, null, false).kind()).isEqualTo("captions");
        assertThat(VisualContext.parse("scene", dir, img -> java.util.Optional.of("s"), false).describe("a.png")).hasValue("s");
        assertThatThrownBy(() -> VisualContext.parse("scene", dir, null, false)).isInstanceOf(InputException.class)
                .hasMessageContaining("--scenes");
        assertThatThrownBy(() -> VisualContext.parse("video", dir, null, false)).isInstanceOf(InputException.class)
                .hasMessageContaining("'video'");
        assertThatThrownBy(() -> VisualContext.parse("captions:" + dir.resolve("missing.json"), dir, null, false))
                .isInstanceOf(InputException.class).hasMessageContaining("missing.json");
    }
}
