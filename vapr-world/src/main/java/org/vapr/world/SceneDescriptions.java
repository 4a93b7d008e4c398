package org.vapr.world;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The synthetic world's scenes as plain English, the LLM editor's {@code --context scene}: the background, then
 * every object from left to right with its size, color, pattern, shape, where it is ("in the upper left") and
 * its box, and the word written in the image if there is one. The pipeline takes it as a
 * {@code Function<String, Optional<String>>} from image path to text, so it never depends on this module.
 * Immutable and thread-safe.
 */
public final class SceneDescriptions implements Function<String, Optional<String>> {
    private final SceneOracle scenes;

    private SceneDescriptions(SceneOracle scenes) {
        this.scenes = scenes;
    }

    /** Reads {@code scenes.jsonl} as written by {@code vapr synth}. */
    public static SceneDescriptions load(Path scenesJsonl) throws IOException {
        return new SceneDescriptions(SceneOracle.load(scenesJsonl));
    }

    /** Descriptions of these scenes. */
    public static SceneDescriptions of(SceneOracle scenes) {
        return new SceneDescriptions(scenes);
    }

    /** The description of the scene an image path shows, if known. */
    @Override
    public Optional<String> apply(String image) {
        return scenes.scene(image).map(SceneDescriptions::describe);
    }

    /** A scene in plain English. */
    public static String describe(Scene s) {
        List<SceneObject> objects = new ArrayList<>(s.objects());
        objects.sort(Comparator.comparingDouble(SceneObject::x).thenComparingDouble(SceneObject::y));
        StringBuilder b = new StringBuilder();
        b.append("A synthetic image with a ").append(s.background()).append(" background and ");
        if (objects.isEmpty()) {
            b.append("no objects.");
        } else {
            b.append(objects.size()).append(objects.size() == 1 ? " object:" : " objects, from left to right:");
            for (SceneObject o : objects) {
                String pattern = o.pattern();
                b.append("\n- a ").append(o.size()).append(' ').append(o.color()).append(' ').append(pattern).append(' ')
                        .append(o.shape()).append(' ').append(where(o.x(), o.y()))
                        .append(String.format(Locale.ROOT, " (box [%.2f, %.2f, %.2f, %.2f])",
                                o.bbox().get(0), o.bbox().get(1), o.bbox().get(2), o.bbox().get(3)));
            }
        }
        if (s.text() != null && !s.text().isBlank()) {
            b.append("\nThe word \"").append(s.text()).append("\" is written in the image.");
        }
        return b.toString();
    }

    /** "in the upper left", "in the centre", "at the bottom right"… from a normalised centre. */
    static String where(double x, double y) {
        String h = x < 1.0 / 3 ? "left" : x < 2.0 / 3 ? "middle" : "right";
        String v = y < 1.0 / 3 ? "upper" : y < 2.0 / 3 ? "" : "lower";
        if (v.isEmpty()) {
            return h.equals("middle") ? "in the centre" : "on the " + h;
        }
        return "in the " + v + " " + h;
    }
}
