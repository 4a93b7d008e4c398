package org.vapr.train.run;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.vapr.core.io.Json;

/** A tiny LLaVA corpus on disk: one-color 64 px images, "what color" questions, and preference pairs about them. */
final class TinyWorld {
    static final String[] COLORS = {"red", "green", "blue", "yellow"};
    static final Color[] RGB = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW};

    private TinyWorld() {
    }

    /** Writes {@code dir/images/NN.png}, {@code dir/llava.json} (plus a text-only and a missing-image record). */
    static void write(Path dir, int images) throws IOException {
        Files.createDirectories(dir.resolve("images"));
        List<Map<String, Object>> records = new ArrayList<>();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            int c = i % COLORS.length;
            BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(RGB[c]);
            g.fillRect(0, 0, 64, 64);
            g.dispose();
            String name = String.format("images/%02d.png", i);
            ImageIO.write(img, "png", dir.resolve(name).toFile());
            records.add(Map.of("id", "r" + i, "image", name, "conversations", List.of(
                    Map.of("from", "human", "value", "<image>\nWhat color is the picture?"),
                    Map.of("from", "gpt", "value", "The picture is " + COLORS[c] + "."),
                    Map.of("from", "human", "value", "Is the picture " + COLORS[(c + 1) % 4] + "?"),
                    Map.of("from", "gpt", "value", "No, it is " + COLORS[c] + "."))));
            pairs.add(Json.mapper().writeValueAsString(Map.of("id", "p" + i, "image", name, "category", "color",
                    "prompt", "What color is the picture?", "chosen", "The picture is " + COLORS[c] + ".",
                    "rejected", "The picture is " + COLORS[(c + 2) % 4] + ".")));
        }
        records.add(Map.of("id", "text-only", "conversations", List.of(Map.of("from", "human", "value", "Hi"),
                Map.of("from", "gpt", "value", "Hello"))));
        records.add(Map.of("id", "gone", "image", "images/none.png", "conversations", List.of(
                Map.of("from", "human", "value", "<image>\nWhat color?"), Map.of("from", "gpt", "value", "red"))));
        Files.writeString(dir.resolve("llava.json"), Json.mapper().writeValueAsString(records));
        int split = images * 3 / 4;
        Files.write(dir.resolve("pairs.jsonl"), pairs.subList(0, split));
        Files.write(dir.resolve("eval-pairs.jsonl"), pairs.subList(split, images));
    }
}
