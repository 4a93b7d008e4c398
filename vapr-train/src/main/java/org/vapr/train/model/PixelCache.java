package org.vapr.train.model;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.vapr.core.InputException;

/**
 * Decodes image files into the model's input: RGB resized (bilinear) to {@code size × size}, channels first,
 * scaled to {@code [-1, 1]}. Keeps the most recently used {@code capacity} images decoded; thread-safe.
 */
public final class PixelCache {
    private final int size;
    private final Map<Path, float[]> cache;

    public PixelCache(int size, int capacity) {
        this.size = size;
        this.cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Side of the square images this cache returns. */
    public int size() {
        return size;
    }

    /** {@code 3 × size × size} floats of {@code image} (channels first); do not modify the array. */
    public float[] pixels(Path image) {
        synchronized (cache) {
            float[] hit = cache.get(image);
            if (hit != null) {
                return hit;
            }
        }
        float[] decoded = decode(image);
        synchronized (cache) {
            cache.put(image, decoded);
        }
        return decoded;
    }

    private float[] decode(Path image) {
        BufferedImage src;
        try {
            src = ImageIO.read(image.toFile());
        } catch (IOException e) {
            throw new InputException(image + ": cannot read image: " + e.getMessage());
        }
        if (src == null) {
            throw new InputException(image + ": not an image ImageIO can decode");
        }
        BufferedImage rgb = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, size, size, null);
        g.dispose();
        int plane = size * size;
        float[] out = new float[3 * plane];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = rgb.getRGB(x, y);
                int i = y * size + x;
                out[i] = ((p >> 16) & 0xFF) / 127.5f - 1f;
                out[plane + i] = ((p >> 8) & 0xFF) / 127.5f - 1f;
                out[2 * plane + i] = (p & 0xFF) / 127.5f - 1f;
            }
        }
        return out;
    }
}
