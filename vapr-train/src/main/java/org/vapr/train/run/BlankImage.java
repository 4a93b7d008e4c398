package org.vapr.train.run;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.vapr.core.io.AtomicFiles;

/**
 * The contrast image of {@code --blank-contrast}: one uniform mid-gray picture, written into the run's directory, for
 * every pair that names no {@code contrast_image}. The conditional term then asks the chosen answer to be likelier with
 * its image than with none, which any dataset allows (mDPO's released trainer masks the image tokens out instead; the
 * world's minimal scene edits ask more: that the answer follow the one thing that makes it true).
 */
final class BlankImage {
    /** The file name in the run directory. */
    static final String FILE = "blank-contrast.png";
    private static final int SIZE = 64;

    private BlankImage() {
    }

    /** Writes the blank image (64 px, RGB 128/128/128; resized like any image on load) and returns its path. */
    static Path write(Path file) throws IOException {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(128, 128, 128));
            g.fillRect(0, 0, SIZE, SIZE);
        } finally {
            g.dispose();
        }
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
        return file;
    }

    /** {@code pairs}, each without a contrast image given {@code blank}; the others unchanged. */
    static List<PreferenceText> fillIn(List<PreferenceText> pairs, Path blank) {
        List<PreferenceText> out = new ArrayList<>(pairs.size());
        for (PreferenceText p : pairs) {
            out.add(p.contrastImage() != null ? p
                    : new PreferenceText(p.id(), p.image(), p.prompt(), p.chosen(), p.rejected(), p.category(), blank));
        }
        return out;
    }
}
