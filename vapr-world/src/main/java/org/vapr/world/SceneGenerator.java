package org.vapr.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates scenes from a seed: scene {@code i} depends only on (seed, i, whether it shows text), never on how
 * many scenes are generated. Objects never overlap and no two share (shape, color, size); a scene may repeat a
 * color or a shape on purpose so that counting is interesting.
 */
public final class SceneGenerator {
    /** Half the side of an object's box, per size class. */
    static final double[] HALF = {0.075, 0.105, 0.14};
    private static final double EDGE = 0.02;
    private static final double GAP = 0.03;
    /** Objects of scenes with a sign stay below this line. */
    static final double SIGN_BOTTOM = 0.28;
    private final long seed;
    private final WorldDifficulty difficulty;

    public SceneGenerator(long seed) {
        this(seed, WorldDifficulty.STANDARD);
    }

    /** Scenes drawn from the values of {@code difficulty}. */
    public SceneGenerator(long seed, WorldDifficulty difficulty) {
        this.seed = seed;
        this.difficulty = difficulty;
    }

    /** Scene {@code index} without text, at {@code images/NNNNNN.png}. */
    public Scene generate(long index) {
        return generate(index, imagePath(index), false);
    }

    /** Scene {@code index} under the given image path, with a sign word when {@code withText}. */
    public Scene generate(long index, String image, boolean withText) {
        SplittableRandom r = Seeds.rng(seed, index, Seeds.SCENE + (withText ? 1 : 0));
        WorldDifficulty d = difficulty;
        String background = d.backgrounds.get(r.nextInt(d.backgrounds.size()));
        String text = withText ? Vocab.WORDS.get(r.nextInt(Vocab.WORDS.size())) : null;
        int n = pick(r, d.countWeights) + 1;
        // a theme: a color or shape repeated over several objects
        String themeColor = null;
        String themeShape = null;
        int themeCount = 0;
        if (n >= 2 && r.nextDouble() < 0.45) {
            themeCount = 2 + r.nextInt(Math.min(n, 4) - 1);
            if (r.nextBoolean()) {
                themeColor = d.colors.get(r.nextInt(d.colors.size()));
            } else {
                themeShape = d.shapes.get(r.nextInt(d.shapes.size()));
            }
        }
        double top = withText ? SIGN_BOTTOM : EDGE;
        List<SceneObject> objects = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean themed = i < themeCount;
            SceneObject o = null;
            for (int attempt = 0; attempt < 12 && o == null; attempt++) {
                String shape = themed && themeShape != null ? themeShape : d.shapes.get(r.nextInt(d.shapes.size()));
                String color = themed && themeColor != null ? themeColor : d.colors.get(r.nextInt(d.colors.size()));
                String pattern = d.patterns.get(r.nextInt(d.patterns.size()));
                for (int size = r.nextInt(d.sizes.size()); size >= 0 && o == null; size--) {
                    String sizeName = d.sizes.get(size);
                    if (taken(objects, shape, color, sizeName)) {
                        continue;
                    }
                    o = d.grid && !withText
                            ? placeInCell(r, objects, shape, color, sizeName, pattern, HALF[d.sizeIndex(size)])
                            : place(r, objects, shape, color, sizeName, pattern, HALF[d.sizeIndex(size)], top);
                }
            }
            if (o != null) {
                objects.add(o);
            }
        }
        // order objects left to right so that files read naturally
        objects.sort((a, b) -> Double.compare(a.x(), b.x()));
        return new Scene(sceneId(index), image, background, objects, text);
    }

    static String sceneId(long index) {
        return String.format(Locale.ROOT, "scene_%06d", index);
    }

    static String imagePath(long index) {
        return String.format(Locale.ROOT, "images/%06d.png", index);
    }

    private static boolean taken(List<SceneObject> objects, String shape, String color, String size) {
        for (SceneObject o : objects) {
            if (o.shape().equals(shape) && o.color().equals(color) && o.size().equals(size)) {
                return true;
            }
        }
        return false;
    }

    private static SceneObject place(SplittableRandom r, List<SceneObject> objects, String shape, String color,
            String size, String pattern, double h, double top) {
        for (int t = 0; t < 40; t++) {
            double x = round(h + EDGE + r.nextDouble() * (1 - 2 * h - 2 * EDGE), 1000);
            double y = round(top + h + r.nextDouble() * (1 - top - 2 * h - EDGE), 1000);
            List<Double> box = List.of(round(x - h, 100), round(y - h, 100), round(x + h, 100), round(y + h, 100));
            SceneObject o = new SceneObject(shape, color, size, pattern, x, y, box);
            boolean free = true;
            for (SceneObject p : objects) {
                if (Relation.gap(o, p) < GAP) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return o;
            }
        }
        return null;
    }

    /** A free cell of the 3×3 grid, chosen at random, with the object centred in it (jitter ±0.01). */
    private static SceneObject placeInCell(SplittableRandom r, List<SceneObject> objects, String shape, String color,
            String size, String pattern, double h) {
        List<Integer> free = new ArrayList<>();
        for (int cell = 0; cell < 9; cell++) {
            double cx = (cell % 3 + 0.5) / 3;
            double cy = (cell / 3 + 0.5) / 3;
            boolean used = false;
            for (SceneObject p : objects) {
                if (Math.abs(p.x() - cx) < 0.1 && Math.abs(p.y() - cy) < 0.1) {
                    used = true;
                }
            }
            if (!used) {
                free.add(cell);
            }
        }
        if (free.isEmpty()) {
            return null;
        }
        int cell = free.get(r.nextInt(free.size()));
        double x = round((cell % 3 + 0.5) / 3 + (r.nextDouble() - 0.5) * 0.02, 1000);
        double y = round((cell / 3 + 0.5) / 3 + (r.nextDouble() - 0.5) * 0.02, 1000);
        List<Double> box = List.of(round(x - h, 100), round(y - h, 100), round(x + h, 100), round(y + h, 100));
        return new SceneObject(shape, color, size, pattern, x, y, box);
    }

    static double round(double v, int scale) {
        return Math.round(v * scale) / (double) scale;
    }

    static int pick(SplittableRandom r, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = r.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
