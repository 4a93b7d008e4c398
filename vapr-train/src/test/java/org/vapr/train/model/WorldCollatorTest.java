package org.vapr.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.train.data.EncodedTurn;
import org.vapr.train.data.TokenBlock;

class WorldCollatorTest {
    @Test
    void padsTokensMarksCompletionsAndNormalisesResizedImages(@TempDir Path dir) throws Exception {
        Path red = TinyWorld.image(dir, "red", new Color(255, 0, 0), 64);
        Path blue = TinyWorld.image(dir, "blue", new Color(0, 0, 255), 40);
        try (WorldVlm model = TinyWorld.model(1); NDManager m = NDManager.newBaseManager()) {
            TokenBlock block = model.collator().collate(m, List.of(
                    new EncodedTurn("a", red, new int[] {1, 5, 8, 6}, new int[] {9, 10, 2}),
                    new EncodedTurn("b", blue, new int[] {1, 5, 6}, new int[] {11, 2})));
            assertThat(block.rows()).isEqualTo(2);
            assertThat(block.pixels().getShape()).isEqualTo(new Shape(2, 3, 16, 16));
            assertThat(block.tokens().toIntArray()).containsExactly(1, 5, 8, 6, 9, 10, 2, 1, 5, 6, 11, 2, 0, 0);
            assertThat(block.completionMask().toFloatArray()).containsExactly(0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0);
            assertThat(block.completionLengths()).containsExactly(3, 2);
            float[] px = block.pixels().toFloatArray();
            assertThat(px[0]).isEqualTo(1f);            // red channel of the red image's corner
            assertThat(px[256]).isEqualTo(-1f);         // its green channel
            assertThat(px[768 + 2 * 256]).isEqualTo(1f); // blue channel of the blue image
        }
    }
}
