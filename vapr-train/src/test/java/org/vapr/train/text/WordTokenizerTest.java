package org.vapr.train.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.InputException;

class WordTokenizerTest {
    private static final List<String> CORPUS = List.of("Is there a red circle in the image?",
            "Yes, there is a red circle in the image.", "No, there is no blue square.",
            "How many objects (in total) are there?", "There are 3 objects.", "The box is [0.61, 0.40, 0.89, 0.68].", "The cross is medium-sized.");

    @Test
    void specialsComeFirstAndWordsByFrequency() {
        WordTokenizer t = WordTokenizer.build(CORPUS, 1);
        assertThat(t.vocabulary().subList(0, 7)).containsExactly("<pad>", "<bos>", "<eos>", "<unk>", "<image>", "<|user|>", "<|assistant|>");
        assertThat(t.padId()).isZero();
        assertThat(t.token(t.eosId())).isEqualTo("<eos>");
        // case is kept: "there" (4x) is more frequent than "circle" (2x), "There" is another word
        assertThat(t.id("there")).isLessThan(t.id("circle"));
        assertThat(t.id("There")).isNotEqualTo(t.id("there"));
        assertThat(WordTokenizer.build(CORPUS, 1).vocabulary()).isEqualTo(t.vocabulary());
        assertThat(WordTokenizer.build(CORPUS, 2).vocabulary()).doesNotContain("square").contains("circle");
    }

    @Test
    void decodeGivesTheTextBackWithPunctuationAttached() {
        WordTokenizer t = WordTokenizer.build(CORPUS, 1);
        for (String s : CORPUS) {
            assertThat(t.decode(t.encode(s))).isEqualTo(s);
        }
        int[] ids = t.encode("Is there a green circle?");
        assertThat(ids[3]).isEqualTo(t.unkId());
        assertThat(t.decode(new int[] {t.bosId(), t.id("Yes"), t.id(","), t.eosId()})).isEqualTo("Yes,");
    }

    @Test
    void saveAndLoadKeepTheVocabulary(@TempDir Path dir) throws Exception {
        WordTokenizer t = WordTokenizer.build(CORPUS, 1);
        Path f = dir.resolve("tokenizer.json");
        t.save(f);
        assertThat(Files.readString(f)).contains("\"type\" : \"vapr-word\"");
        WordTokenizer back = WordTokenizer.load(f);
        assertThat(back.vocabulary()).isEqualTo(t.vocabulary());
        assertThat(back.encode(CORPUS.get(1))).isEqualTo(t.encode(CORPUS.get(1)));

        Files.writeString(f, "{\"type\":\"bpe\",\"vocab\":[]}");
        assertThatThrownBy(() -> WordTokenizer.load(f)).isInstanceOf(InputException.class).hasMessageContaining("type");
    }

    @Test
    void chatTemplateFramesPromptAndCompletion() {
        WordTokenizer t = WordTokenizer.build(CORPUS, 1);
        ChatTemplate c = new ChatTemplate(t);
        int[] prompt = c.prompt("<image>\nIs there a red circle in the image?");
        assertThat(prompt[0]).isEqualTo(t.bosId());
        assertThat(prompt[1]).isEqualTo(t.userId());
        assertThat(prompt[prompt.length - 1]).isEqualTo(t.assistantId());
        assertThat(prompt).hasSize(t.encode("Is there a red circle in the image?").length + 3).doesNotContain(t.imageId());
        int[] completion = c.completion("Yes, there is a red circle in the image.");
        assertThat(completion[completion.length - 1]).isEqualTo(t.eosId());
        assertThat(t.decode(completion)).isEqualTo("Yes, there is a red circle in the image.");
    }
}
