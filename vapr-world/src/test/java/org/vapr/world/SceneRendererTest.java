package org.vapr.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneRendererTest {

    private static Scene empty(String background) {
        return new Scene("scene_t", "t.png", background, List.of(), null);
    }

    @Test
    void pngHasTheRequestedSizeAndIsDeterministic() throws Exception {
        Scene s = new SceneGenerator(11).generate(4);
        byte[] a = SceneRenderer.png(s, 64);
        assertThat(SceneRenderer.png(s, 64)).isEqualTo(a);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(a));
        assertThat(img.getWidth()).isEqualTo(64);
        assertThat(img.getHeight()).isEqualTo(64);
        BufferedImage big = ImageIO.read(new ByteArrayInputStream(SceneRenderer.png(s, 200)));
        assertThat(big.getWidth()).isEqualTo(200);
    }

    @Test
    void backgroundsAreDistinct() {
        Set<Integer> corners = new HashSet<>();
        Set<Integer> middles = new HashSet<>();
        for (String bg : Vocab.BACKGROUNDS) {
            BufferedImage img = SceneRenderer.render(empty(bg), 64);
            corners.add(img.getRGB(1, 62) & 0xF0F0F0);
            middles.add(img.getRGB(32, 20) & 0xF0F0F0);
        }
        assertThat(corners.size() + middles.size()).isGreaterThanOrEqualTo(10);
        BufferedImage night = SceneRenderer.render(empty("night"), 64);
        BufferedImage day = SceneRenderer.render(empty("day"), 64);
        assertThat(brightness(night.getRGB(5, 40))).isLessThan(80);
        assertThat(brightness(day.getRGB(5, 10))).isGreaterThan(120);
        assertThat(new Color(day.getRGB(5, 60)).getGreen()).isGreaterThan(new Color(day.getRGB(5, 60)).getRed());
    }

    @Test
    void objectsAreDrawnInTheirColorAndTheSignHasDarkText() {
        SceneObject red = new SceneObject("square", "red", "large", "solid", 0.5, 0.6, List.of(0.36, 0.46, 0.64, 0.74));
        Scene s = new Scene("scene_t", "t.png", "day", List.of(red), "STOP");
        BufferedImage img = SceneRenderer.render(s, 64);
        assertThat(new Color(img.getRGB(32, 38))).isEqualTo(SceneRenderer.color("red"));
        int dark = 0;
        for (int y = 0; y < 18; y++) {
            for (int x = 0; x < 64; x++) {
                dark += brightness(img.getRGB(x, y)) < 40 ? 1 : 0;
            }
        }
        assertThat(dark).isGreaterThan(30);
        BufferedImage noSign = SceneRenderer.render(new Scene("scene_t", "t.png", "day", List.of(red), null), 64);
        assertThat(noSign.getRGB(32, 10)).isNotEqualTo(img.getRGB(32, 10));
    }

    @Test
    void writesJpegForJpgPaths(@TempDir Path tmp) throws Exception {
        Scene s = new SceneGenerator(2).generate(1);
        Path jpg = tmp.resolve("coco/train2017/000000000001.jpg");
        SceneRenderer.write(s, 64, jpg);
        byte[] bytes = Files.readAllBytes(jpg);
        assertThat(bytes[0] & 0xFF).isEqualTo(0xFF);
        assertThat(bytes[1] & 0xFF).isEqualTo(0xD8);
        Path png = tmp.resolve("a.png");
        SceneRenderer.write(s, 64, png);
        assertThat(Files.readAllBytes(png)).isEqualTo(SceneRenderer.png(s, 64));
    }

    private static int brightness(int rgb) {
        Color c = new Color(rgb);
        return (c.getRed() + c.getGreen() + c.getBlue()) / 3;
    }
}
