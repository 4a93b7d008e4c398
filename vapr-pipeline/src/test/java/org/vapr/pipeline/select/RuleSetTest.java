package org.vapr.pipeline.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vapr.core.Category;
import org.vapr.core.InputException;
import org.vapr.core.record.LlavaRecord;
import org.vapr.core.record.Message;

class RuleSetTest {
    private static final RuleSet RULES = RuleSet.defaults();

    /** question (raw, as in LLaVA-665K) | image | answer | expected category id or drop reason. */
    @ParameterizedTest(name = "{0} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            <image>\\nWhat color is the bus?\\nAnswer the question using a single word or phrase. | coco/train2017/1.jpg | Red | color
            What is the color of the small star? | synth/1.png | Red | color
            Is the car red or blue?\\nAnswer the question using a single word or phrase. | gqa/images/2.jpg | Blue | color
            Is the cat black? | coco/train2017/3.jpg | Yes | color
            How many people are in the image?\\nAnswer the question using a single word or phrase. | coco/train2017/4.jpg | 3 | counting
            How many red circles are there in the image? | synth/2.png | 3 | counting
            What is the number of stars? | synth/3.png | 2 | counting
            Are there more cars than trucks? | gqa/images/5.jpg | No | counting
            Is there a red circle in the image? | synth/4.png | Yes | existence
            Are there any dogs in the image? | synth/5.png | No | existence
            Do you see a bus? | gqa/images/6.jpg | Yes | existence
            Are there both cars and trucks in this picture? | gqa/images/7.jpg | Yes | existence
            Which side is the laptop on?\\nAnswer the question using a single word or phrase. | gqa/images/8.jpg | Left | spatial
            Is the plate to the left or to the right of the cup? | gqa/images/9.jpg | Left | spatial
            Where is the red circle relative to the blue star? | synth/6.png | Left | spatial
            Is the star to the left of the circle? | synth/7.png | No | spatial
            What is above the green square? | synth/8.png | Star | spatial
            Is the fence behind the giraffe? | gqa/images/10.jpg | Yes | spatial
            What size is the blue triangle? | synth/9.png | Small | size
            Is the red circle small, medium, or large? | synth/10.png | Large | size
            Which is bigger, the star or the circle? | synth/11.png | The star | size
            Is the building tall? | gqa/images/11.jpg | Yes | size
            What shape is the red object? | synth/12.png | Circle | object
            What pattern does the blue star have? | synth/13.png | Striped | object
            What kind of shape is on the left? | synth/14.png | Star | object
            Who is wearing a hat?\\nAnswer the question using a single word or phrase. | gqa/images/12.jpg | Man | object
            <image>\\nWhat is the man doing? | coco/train2017/13.jpg | The man is surfing on a wave. | object
            What is the table made of? | gqa/images/14.jpg | Wood | object
            What animal is this?\\nAnswer the question using a single word or phrase. | coco/train2017/15.jpg | Dog | object
            What is the weather like in the image? | synth/15.png | Sunny | background
            What time of day is it in the image? | synth/16.png | Night | background
            Is this picture taken indoors or outdoors? | synth/17.png | Outdoors | background
            Is it indoors?\\nAnswer the question using a single word or phrase. | gqa/images/16.jpg | No | background
            Which room is it? | gqa/images/17.jpg | Kitchen | background
            Please provide a short description for this region: [0.12, 0.30, 0.45, 0.62] | vg/VG_100K/1.jpg | A man in a red shirt. | referential
            What color is the object in the region [0.10, 0.20, 0.40, 0.50]? | synth/18.png | Red | referential
            <image>\\nDescribe the image in detail. | coco/train2017/18.jpg | The image shows a kitchen. | captioning
            What do you see happening in this image? | coco/train2017/19.jpg | A man rides a horse. | captioning
            Give an elaborate explanation of the image you see. | synth/19.png | There are two shapes. | captioning
            Write a detailed description of the given image. | synth/20.png | There are two shapes. | captioning
            <image>\\nProvide a one-sentence caption for the provided image. | synth/21.png | A red circle. | captioning
            What are the key elements in this picture? | coco/train2017/20.jpg | A dog and a frisbee. | captioning
            Why might the man be holding an umbrella? | coco/train2017/21.jpg | Because it is raining. | reasoning
            What could be the reason for the crowd gathering? | coco/train2017/22.jpg | A parade. | reasoning
            What can you infer about the weather from the image? | synth/22.png | It is cold. | reasoning
            Is the star bigger than the circle? Explain. | synth/23.png | Yes, because ... | reasoning
            If you removed all the red objects, how many objects would remain? Explain. | synth/25.png | Two objects would remain. | reasoning
            What is the most common color among the objects? Explain. | synth/26.png | Red, because ... | reasoning
            How many dogs are there? Explain your answer. | coco/train2017/26.jpg | Two, because ... | reasoning
            What is this used for?\\nAnswer the question using a single word or phrase. | coco/train2017/23.jpg | Cutting | reasoning
            What is the capital of France? | | Paris | text_only
            What is the main idea of this article? | | It is about ... | text_only
            What is written on the sign?\\nAnswer the question using a single word or phrase. | coco/train2017/24.jpg | Stop | ocr
            Who wrote this book? | ocr_vqa/images/1.jpg | J. K. Rowling | ocr
            What is the title of this book? | ocr_vqa/images/2.jpg | Dune | ocr
            Is this a comedy book? | ocr_vqa/images/3.jpg | No | ocr
            What does the text on the shirt say? | coco/train2017/25.jpg | Nike | ocr
            <image>\\nProvide a one-sentence caption for the provided image.\\nReference OCR token: STOP | textvqa/train_images/1.jpg | A stop sign. | ocr
            What brand is the bottle? | textvqa/train_images/2.jpg | Coke | ocr
            What is the man holding?\\nA. umbrella\\nB. bat\\nC. kite\\nD. phone\\nAnswer with the option's letter from the given choices directly. | coco/train2017/26.jpg | A | multiple_choice
            Which sport is shown? Answer with the option's letter from the given choices directly. | coco/train2017/27.jpg | B | multiple_choice
            Please provide the bounding box coordinate of the region this sentence describes: man in red. | coco/train2017/28.jpg | [0.12, 0.30, 0.45, 0.62] | bbox
            Where is the dog? Give the box. | coco/train2017/29.jpg | [0.1, 0.2, 0.3, 0.4] | bbox
            What is the airspeed of an unladen swallow? | coco/train2017/30.jpg | 11 m/s | uncategorized
            """)
    void filtersAndCategories(String question, String image, String answer, String expected) {
        String q = question.replace("\\n", "\n");
        LlavaRecord r = new LlavaRecord("r1", image, List.of(Message.human(q), Message.gpt(answer)));
        List<String> got = new ArrayList<>();
        new TurnFilter(RULES).apply(r, t -> new Categorizer(RULES).apply(t, c -> got.add(c.category()),
                d -> got.add(d.reason())), d -> got.add(d.reason()));
        assertThat(got).containsExactly(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <image>\\nWhat color is the bus?\\nAnswer the question using a single word or phrase. | What color is the bus?
            What color is the bus?\\n<image> | What color is the bus?
            Is the cat black?\\nPlease answer yes or no. | Is the cat black?
            <image>\\nProvide a one-sentence caption for the provided image. | Provide a one-sentence caption for the provided image.
            Describe the scene. Provide a one-sentence caption for the provided image. | Describe the scene.
            What is in the picture?\\nReference OCR token: STOP, Main St | What is in the picture?
            Où est le chat ? <image> | Où est le chat ?
            """)
    void cleansPrompts(String raw, String clean) {
        assertThat(RULES.cleanPrompt(raw.replace("\\n", "\n"))).isEqualTo(clean);
    }

    @Test
    void pairsHumanWithFollowingGptAndCountsUnpaired() {
        LlavaRecord r = new LlavaRecord("x", "coco/1.jpg", List.of(Message.human("<image>\nHow many dogs are there?"),
                Message.human("What color is the dog?"), Message.gpt("Brown"), Message.gpt("Extra"),
                Message.human("Is there a cat?"), Message.gpt(" "), Message.human("What size is the dog?"),
                Message.gpt("Small")));
        List<String> events = new ArrayList<>();
        new TurnFilter(RULES).apply(r, t -> events.add(t.turn() + ":" + t.prompt()), d -> events.add(d.turn() + ":" + d.reason()));
        assertThat(events).containsExactly("-1:unpaired_turn", "0:What color is the dog?", "-1:unpaired_turn",
                "1:empty_turn", "2:What size is the dog?");
    }

    @Test
    void userRulesOverrideAndBadRulesNameTheField(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("rules.yaml");
        Files.writeString(good, """
                categories:
                  - category: color   # everything is color
                    question: ['.']
                """);
        RuleSet r = RuleSet.load(good);
        assertThat(r.categorize("How many dogs?")).isEqualTo(Category.COLOR);
        assertThat(r.sha256()).hasSize(64).isNotEqualTo(RULES.sha256());

        Path badCat = dir.resolve("bad1.yaml");
        Files.writeString(badCat, "categories:\n  - category: colour\n    question: ['x']\n");
        assertThatThrownBy(() -> RuleSet.load(badCat)).isInstanceOf(InputException.class)
                .hasMessageContaining("bad1.yaml").hasMessageContaining("categories[0].category").hasMessageContaining("colour");
        Path badRegex = dir.resolve("bad2.yaml");
        Files.writeString(badRegex, "categories:\n  - category: color\n    question: ['ok', '(unclosed']\n");
        assertThatThrownBy(() -> RuleSet.load(badRegex)).isInstanceOf(InputException.class)
                .hasMessageContaining("categories[0].question[1]");
        Path notYaml = dir.resolve("bad3.yaml");
        Files.writeString(notYaml, "categories: [\n");
        assertThatThrownBy(() -> RuleSet.load(notYaml)).isInstanceOf(InputException.class).hasMessageContaining("bad3.yaml");
        assertThatThrownBy(() -> RuleSet.load(dir.resolve("missing.yaml"))).isInstanceOf(InputException.class)
                .hasMessageContaining("missing.yaml");
    }

    @Test
    void gatesAreLiteralPrefixesOfEveryMatch() {
        assertThat(RuleSet.gate("\\bhow many\\b")).containsExactly("how many");
        assertThat(RuleSet.gate("^(is|are) there\\b")).containsExactly("is", "are");
        assertThat(RuleSet.gate("\\b(indoors?|outdoors?)\\b")).containsExactly("indoor", "outdoor");
        assertThat(RuleSet.gate("\\bcolou?r of the\\b")).containsExactly("colo");
        assertThat(RuleSet.gate("\\[\\s*-?\\d")).containsExactly("[");
        assertThat(RuleSet.gate("(please )?answer")).isNull();
        assertThat(RuleSet.gate("foo|bar")).isNull();
        assertThat(RuleSet.gate("\\s*x")).isNull();
    }
}
