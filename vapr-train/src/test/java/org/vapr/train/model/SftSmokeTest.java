package org.vapr.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.train.data.EncodedTurn;
import org.vapr.train.data.RowCollator;
import org.vapr.train.data.TurnEncoder;

/** The model learns to name an image's color from its pixels: the answer loss falls and greedy answers are right. */
class SftSmokeTest {
    @Test
    void answerLossFallsAndTheModelReadsTheImage(@TempDir Path dir) throws Exception {
        String[] names = {"red", "green", "blue"};
        Color[] colors = {new Color(220, 30, 30), new Color(30, 200, 40), new Color(40, 60, 230)};
        try (WorldVlm model = TinyWorld.model(5)) {
            TurnEncoder enc = model.encoder();
            RowCollator collator = model.collator();
            List<EncodedTurn> rows = new ArrayList<>();
            List<Path> images = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path img = TinyWorld.image(dir, names[i], colors[i], 16);
                images.add(img);
                rows.add(new EncodedTurn(names[i], img, enc.prompt("What color is the image?"), enc.completion("The image is " + names[i] + ".")));
            }
            float[] losses = TinyWorld.train(model, m -> collator.collate(m, rows), 120, 3e-3f);
            float first = losses[0];
            float last = (losses[117] + losses[118] + losses[119]) / 3;
            assertThat(first).isGreaterThan(1.0f);
            assertThat(last).isLessThan(0.05f * first);
            List<String> answers = new Generator(model).generate(images, List.of("What color is the image?", "What color is the image?",
                    "What color is the image?"), Generator.Settings.greedy(8));
            assertThat(answers).containsExactly("The image is red.", "The image is green.", "The image is blue.");
        }
    }
}
