package org.vapr.world;

import java.util.List;
import java.util.Locale;

/**
 * How hard the synthetic world is to see: which shapes, colors, patterns, sizes and backgrounds scenes draw from,
 * and how many objects a scene holds. {@link #STANDARD} is the full world (8 shapes × 10 colors × 3 sizes × 4
 * patterns, 6 backgrounds, 1–6 objects); {@link #DEMO} is the calibrated world of the CPU demo (4 shapes × 6 distinct
 * colors, solid, medium or large, 2 plain backgrounds, 1–4 objects in the cells of a 3×3 grid), small enough that a 0.5M-parameter model learns
 * it in minutes on two threads yet stays imperfect (see {@code docs/CALIBRATION.md}). Questions, POPE classes and
 * benchmark distractors draw only from the difficulty's values, so "no" is never given away by an unseen word.
 */
public enum WorldDifficulty {
    STANDARD("standard", false, Vocab.SHAPES, Vocab.COLORS, Vocab.PATTERNS, Vocab.SIZES, Vocab.BACKGROUNDS,
            new double[] {0.08, 0.17, 0.22, 0.22, 0.17, 0.14}, null, new double[] {0.20, 0.17, 0.17, 0.16, 0.18, 0.07, 0.05}),
    DEMO("demo", true, List.of("circle", "square", "triangle", "star"),
            List.of("red", "yellow", "green", "blue", "purple", "white"), List.of("solid"), List.of("medium", "large"),
            List.of("indoor", "cloudy"), new double[] {0.25, 0.30, 0.27, 0.18},
            new double[] {70, 10, 3, 2, 3, 4, 0, 2, 2, 2}, new double[] {0.22, 0.22, 0.08, 0.07, 0.35, 0.03, 0.03});

    /** The command-line id. */
    public final String id;
    /**
     * Objects sit in distinct cells of a 3×3 grid (centre jitter ±0.01) instead of anywhere: with a 48 px image and
     * 16 px patches each object is then one patch token, which is what lets a small model bind color to shape in
     * minutes (see {@code docs/CALIBRATION.md}). Scenes with a sign keep free placement below it.
     */
    final boolean grid;
    final List<String> shapes;
    final List<String> colors;
    final List<String> patterns;
    final List<String> sizes;
    final List<String> backgrounds;
    /** Relative weight of 1, 2, ... objects per scene. */
    final double[] countWeights;
    /** Record-kind weights of a world-mix corpus, in {@link RecordKind} order (null: the world mix). */
    private final double[] sceneWeights;
    /** Question-category weights of short VQA and conversation turns, in the corpus generator's order. */
    final double[] qaWeights;

    WorldDifficulty(String id, boolean grid, List<String> shapes, List<String> colors, List<String> patterns, List<String> sizes,
            List<String> backgrounds, double[] countWeights, double[] sceneWeights, double[] qaWeights) {
        this.sceneWeights = sceneWeights;
        this.qaWeights = qaWeights;
        this.id = id;
        this.grid = grid;
        this.shapes = shapes;
        this.colors = colors;
        this.patterns = patterns;
        this.sizes = sizes;
        this.backgrounds = backgrounds;
        this.countWeights = countWeights;
    }

    /** The difficulty called {@code id} ({@code standard} or {@code demo}). */
    public static WorldDifficulty of(String id) {
        for (WorldDifficulty d : values()) {
            if (d.id.equals(id == null ? "" : id.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("--difficulty must be one of standard, demo");
    }

    /** Record-kind weights per scene (no text-only records). */
    double[] sceneWeights() {
        return sceneWeights == null ? RecordKind.sceneWeights() : sceneWeights.clone();
    }

    /** Index of a size name in the full size list (small 0, medium 1, large 2). */
    int sizeIndex(int i) {
        return Vocab.SIZES.indexOf(sizes.get(i));
    }
}
