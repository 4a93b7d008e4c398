package org.vapr.train.tokenizer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.InputException;

/** {@link HfTokenCounter} on bad paths and files: one-line {@link InputException}s naming the file (needs no download). */
class HfTokenCounterErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void missingOrMalformedFileIsOneLineInputError() throws IOException {
        Path missing = tmp.resolve("nope/tokenizer.json");
        assertThatThrownBy(() -> HfTokenCounter.open(missing)).isInstanceOf(InputException.class)
                .hasMessageContaining(missing.toString()).hasMessageNotContaining("\n");
        assertThatThrownBy(() -> HfTokenCounter.open(tmp)).isInstanceOf(InputException.class)
                .hasMessageContaining(tmp.resolve("tokenizer.json").toString());

        Path bad = tmp.resolve("tokenizer.json");
        Files.writeString(bad, "{\"model\": {\"type\": \"BPE\", \"vocab\": [1, 2");
        assertThatThrownBy(() -> HfTokenCounter.open(bad)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(bad + ": not a valid Hugging Face tokenizer.json").hasMessageNotContaining("\n");

        Path notTokenizer = tmp.resolve("other.json");
        Files.writeString(notTokenizer, "{\"pairs\": 3}");
        assertThatThrownBy(() -> HfTokenCounter.open(notTokenizer)).isInstanceOf(InputException.class)
                .hasMessageContaining(notTokenizer.toString());
    }
}
