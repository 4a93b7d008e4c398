package org.vapr.world;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Draws a {@link Scene} with Java2D: a distinct background per kind, each object filled with its color and
 * pattern (clipped to the shape) and outlined in a color that contrasts with the background, and the sign word
 * in a built-in pixel font. The same scene and size always give the same bytes.
 */
public final class SceneRenderer {
    private static final Map<String, Color> COLORS = Map.of(
            "red", new Color(220, 30, 30),
            "orange", new Color(255, 140, 0),
            "yellow", new Color(250, 220, 30),
            "green", new Color(30, 165, 50),
            "blue", new Color(30, 80, 230),
            "purple", new Color(140, 50, 180),
            "pink", new Color(255, 120, 190),
            "brown", new Color(125, 75, 35),
            "gray", new Color(128, 128, 128),
            "white", new Color(250, 250, 250));

    private SceneRenderer() {
    }

    /** Renders the scene as a {@code size}×{@code size} RGB image. */
    public static BufferedImage render(Scene scene, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            SplittableRandom r = new SplittableRandom(Seeds.mix(scene.id().hashCode() * 31L + scene.background().hashCode()));
            drawBackground(g, scene.background(), size, r);
            Color outline = scene.background().equals("night") ? new Color(235, 235, 235) : new Color(25, 25, 25);
            for (SceneObject o : scene.objects()) {
                drawObject(g, o, size, outline);
            }
            if (scene.text() != null) {
                drawSign(g, scene.text(), size);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Encodes the scene as PNG bytes. */
    public static byte[] png(Scene scene, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            write(render(scene, size), "png", out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the scene to a file, as JPEG when the name ends in .jpg/.jpeg and as PNG otherwise. */
    public static void write(Scene scene, int size, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = name.endsWith(".jpg") || name.endsWith(".jpeg") ? "jpg" : "png";
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            write(render(scene, size), format, out);
        }
    }

    private static void write(BufferedImage img, String format, OutputStream out) throws IOException {
        ImageIO.setUseCache(false);
        if (!ImageIO.write(img, format, out)) {
            throw new IOException("no ImageIO writer for " + format);
        }
    }

    static Color color(String name) {
        return COLORS.get(name);
    }

    private static void drawBackground(Graphics2D g, String bg, int s, SplittableRandom r) {
        switch (bg) {
            case "day" -> {
                g.setPaint(new GradientPaint(0, 0, new Color(110, 180, 240), 0, s * 0.7f, new Color(175, 220, 250)));
                g.fillRect(0, 0, s, s);
                g.setPaint(new Color(90, 170, 70));
                g.fillRect(0, (int) (s * 0.7), s, s - (int) (s * 0.7));
            }
            case "night" -> {
                g.setPaint(new Color(15, 20, 60));
                g.fillRect(0, 0, s, s);
                g.setPaint(new Color(240, 240, 200));
                int stars = 6 + r.nextInt(5);
                double d = Math.max(1.0, s / 64.0);
                for (int i = 0; i < stars; i++) {
                    g.fill(new Ellipse2D.Double(r.nextDouble() * s, r.nextDouble() * s * 0.9, d, d));
                }
            }
            case "cloudy" -> {
                g.setPaint(new Color(150, 155, 165));
                g.fillRect(0, 0, s, s);
                g.setPaint(new Color(195, 198, 205));
                int clouds = 3 + r.nextInt(2);
                for (int i = 0; i < clouds; i++) {
                    double cx = r.nextDouble() * s;
                    double cy = r.nextDouble() * s * 0.8;
                    double w = s * (0.35 + r.nextDouble() * 0.25);
                    g.fill(new Ellipse2D.Double(cx - w / 2, cy - w / 6, w, w / 3));
                }
            }
            case "snowy" -> {
                g.setPaint(new Color(215, 225, 235));
                g.fillRect(0, 0, s, s);
                g.setPaint(new Color(245, 248, 252));
                g.fillRect(0, (int) (s * 0.78), s, s - (int) (s * 0.78));
                g.setPaint(Color.WHITE);
                int flakes = 18 + r.nextInt(8);
                double d = Math.max(1.5, s / 40.0);
                for (int i = 0; i < flakes; i++) {
                    g.fill(new Ellipse2D.Double(r.nextDouble() * s, r.nextDouble() * s, d, d));
                }
            }
            case "indoor" -> {
                g.setPaint(new Color(225, 205, 165));
                g.fillRect(0, 0, s, s);
                g.setPaint(new Color(150, 105, 60));
                g.fillRect(0, (int) (s * 0.75), s, s - (int) (s * 0.75));
                g.setPaint(new Color(90, 60, 30));
                g.setStroke(new BasicStroke(Math.max(1f, s / 64f)));
                g.drawLine(0, (int) (s * 0.75), s, (int) (s * 0.75));
            }
            default -> { // sunset
                g.setPaint(new GradientPaint(0, 0, new Color(110, 60, 150), 0, s, new Color(250, 140, 50)));
                g.fillRect(0, 0, s, s);
            }
        }
    }

    static Shape outline(String shape, double cx, double cy, double r) {
        return switch (shape) {
            case "circle" -> new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
            case "square" -> new Rectangle2D.Double(cx - r * 0.92, cy - r * 0.92, 1.84 * r, 1.84 * r);
            case "triangle" -> polygon(new double[] {cx, cy - r, cx + r, cy + r * 0.85, cx - r, cy + r * 0.85});
            case "diamond" -> polygon(new double[] {cx, cy - r, cx + r * 0.8, cy, cx, cy + r, cx - r * 0.8, cy});
            case "hexagon" -> {
                double[] p = new double[12];
                for (int i = 0; i < 6; i++) {
                    double a = Math.PI / 3 * i;
                    p[2 * i] = cx + r * Math.cos(a);
                    p[2 * i + 1] = cy + r * 0.9 * Math.sin(a);
                }
                yield polygon(p);
            }
            case "star" -> {
                double[] p = new double[20];
                for (int i = 0; i < 10; i++) {
                    double a = -Math.PI / 2 + Math.PI / 5 * i;
                    double rr = i % 2 == 0 ? r * 1.05 : r * 0.45;
                    p[2 * i] = cx + rr * Math.cos(a);
                    p[2 * i + 1] = cy + 0.1 * r + rr * Math.sin(a);
                }
                yield polygon(p);
            }
            case "heart" -> {
                Path2D.Double h = new Path2D.Double();
                h.moveTo(cx, cy + r);
                h.curveTo(cx - r * 1.6, cy - r * 0.1, cx - r * 0.7, cy - r * 1.3, cx, cy - r * 0.45);
                h.curveTo(cx + r * 0.7, cy - r * 1.3, cx + r * 1.6, cy - r * 0.1, cx, cy + r);
                h.closePath();
                yield h;
            }
            default -> { // cross
                double a = r * 0.36;
                yield polygon(new double[] {cx - a, cy - r, cx + a, cy - r, cx + a, cy - a, cx + r, cy - a, cx + r, cy + a,
                    cx + a, cy + a, cx + a, cy + r, cx - a, cy + r, cx - a, cy + a, cx - r, cy + a, cx - r, cy - a, cx - a, cy - a});
            }
        };
    }

    private static Path2D.Double polygon(double[] p) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(p[0], p[1]);
        for (int i = 2; i < p.length; i += 2) {
            path.lineTo(p[i], p[i + 1]);
        }
        path.closePath();
        return path;
    }

    private static void drawObject(Graphics2D g, SceneObject o, int s, Color outlineColor) {
        double cx = o.x() * s;
        double cy = o.y() * s;
        double r = (o.x2() - o.x1()) / 2 * s;
        Shape shape = outline(o.shape(), cx, cy, r);
        Color fill = COLORS.get(o.color());
        g.setPaint(fill);
        g.fill(shape);
        if (!o.pattern().equals("solid")) {
            Shape oldClip = g.getClip();
            g.clip(shape);
            g.setPaint(patternColor(fill));
            double step = Math.max(2.5, r / 1.7);
            switch (o.pattern()) {
                case "striped" -> {
                    g.setStroke(new BasicStroke((float) Math.max(1.0, step * 0.42)));
                    for (double d = -2 * r; d <= 2 * r; d += step) {
                        g.draw(new java.awt.geom.Line2D.Double(cx + d - r, cy + r, cx + d + r, cy - r));
                    }
                }
                case "dotted" -> {
                    double dot = Math.max(1.2, step * 0.5);
                    for (double y = cy - r; y <= cy + r; y += step) {
                        for (double x = cx - r; x <= cx + r; x += step) {
                            g.fill(new Ellipse2D.Double(x + step / 2 - dot / 2, y + step / 2 - dot / 2, dot, dot));
                        }
                    }
                }
                default -> { // checkered
                    double c = Math.max(2.0, step * 0.6);
                    int row = 0;
                    for (double y = cy - r; y <= cy + r; y += c, row++) {
                        int col = 0;
                        for (double x = cx - r; x <= cx + r; x += c, col++) {
                            if ((row + col) % 2 == 0) {
                                g.fill(new Rectangle2D.Double(x, y, c, c));
                            }
                        }
                    }
                }
            }
            g.setClip(oldClip);
        }
        g.setPaint(outlineColor);
        g.setStroke(new BasicStroke((float) Math.max(1.0, s / 50.0), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(shape);
    }

    private static Color patternColor(Color fill) {
        double lum = 0.299 * fill.getRed() + 0.587 * fill.getGreen() + 0.114 * fill.getBlue();
        if (lum > 150) {
            return new Color((int) (fill.getRed() * 0.4), (int) (fill.getGreen() * 0.4), (int) (fill.getBlue() * 0.4));
        }
        return new Color(255 - (255 - fill.getRed()) / 4, 255 - (255 - fill.getGreen()) / 4, 255 - (255 - fill.getBlue()) / 4);
    }

    private static void drawSign(Graphics2D g, String word, int s) {
        int textW = GlyphFont.width(word);
        int scale = Math.max(1, Math.min((int) (s * 0.8) / textW, (int) (s * 0.2) / GlyphFont.H));
        int w = textW * scale;
        int h = GlyphFont.H * scale;
        int pad = Math.max(2, scale * 2);
        int x0 = (s - w) / 2;
        int y0 = Math.max(pad + 1, (int) (s * SceneGenerator.SIGN_BOTTOM) - h - 2 * pad) ;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setPaint(new Color(40, 40, 40));
        g.fillRect(x0 - pad - 1, y0 - pad - 1, w + 2 * pad + 2, h + 2 * pad + 2);
        g.setPaint(Color.WHITE);
        g.fillRect(x0 - pad, y0 - pad, w + 2 * pad, h + 2 * pad);
        g.setPaint(Color.BLACK);
        GlyphFont.draw(g, word, x0, y0, scale);
    }
}
