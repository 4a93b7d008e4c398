package org.vapr.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Minimal image-side edits: for a question about a scene, the same scene with one or a few objects recolored or
 * reshaped so that the question's true answer changes, everything else (positions, sizes, background, its noise)
 * kept. It is the image-side counterpart of VaPR's minimal answer edits: the chosen answer is right on the scene and
 * wrong on its contrast scene, so a preference between the two images (mDPO's conditional term) cannot be met by a
 * shift of the answer prior, only by looking.
 *
 * <p>Handled questions: existence ("Is there a red triangle?": every matching object loses one of the asked attributes,
 * or, when none matches, one object gets them, preferring an object that already has one of them, the color-shape
 * binding that POPE's adversarial split probes), counting ("How many red objects …?": one matching object stops
 * matching, or one starts) and color ("What color is the star?": the one referent is recolored). Anything else, a
 * vague phrase (a color word that might name an object's color) or a phrase without attributes gives no contrast.
 */
public final class ContrastScenes {
    private ContrastScenes() {
    }

    /**
     * The contrast scene for {@code question} on {@code scene}, with the scene's id and image path (give it its own
     * with {@link Scene#withImage}), or empty when the question is not one of the handled kinds.
     *
     * @param difficulty the world's values, from which replacement colors and shapes are drawn
     * @param seed       chooses among equally minimal edits; the same inputs and seed give the same scene
     */
    public static Optional<Scene> flip(Scene scene, String question, WorldDifficulty difficulty, long seed) {
        Query q = Query.parse(question);
        if (q == null || q.a() == null || q.a().vague(scene)) {
            return Optional.empty();
        }
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed * 31L + scene.id().hashCode() * 17L + question.hashCode()));
        Np np = q.a();
        List<SceneObject> objects = new ArrayList<>(scene.objects());
        List<Integer> matching = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            if (np.matches(objects.get(i))) {
                matching.add(i);
            }
        }
        boolean edited = switch (q.kind()) {
            case EXIST -> matching.isEmpty() ? makeOneMatch(objects, np, difficulty, r) : breakAll(objects, matching, np, difficulty, r);
            case COUNT -> matching.isEmpty() ? makeOneMatch(objects, np, difficulty, r)
                    : breakOne(objects, matching.get(r.nextInt(matching.size())), np, difficulty, r);
            case ATTR -> "color".equals(q.word()) && matching.size() == 1 && recolor(objects, matching.get(0), difficulty, r);
            default -> false;
        };
        if (!edited) {
            return Optional.empty();
        }
        Scene contrast = new Scene(scene.id(), scene.image(), scene.background(), objects, scene.text());
        return changesTheAnswer(q, scene, contrast) ? Optional.of(contrast) : Optional.empty();
    }

    private static boolean changesTheAnswer(Query q, Scene before, Scene after) {
        Np np = q.a();
        if (np.vague(after)) {
            return false;
        }
        return switch (q.kind()) {
            case EXIST -> (np.count(before) > 0) != (np.count(after) > 0);
            case COUNT -> np.count(before) != np.count(after);
            case ATTR -> np.count(after) == 1 && !np.select(before).get(0).color().equals(np.select(after).get(0).color());
            default -> false;
        };
    }

    private static boolean breakAll(List<SceneObject> objects, List<Integer> matching, Np np, WorldDifficulty d, SplittableRandom r) {
        for (int i : matching) {
            if (!breakOne(objects, i, np, d, r)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Changes the color or the shape {@code np} names so the object no longer matches (never the size: it is the
     * object's box, and a changed box is no longer a minimal edit).
     */
    private static boolean breakOne(List<SceneObject> objects, int i, Np np, WorldDifficulty d, SplittableRandom r) {
        List<String> named = new ArrayList<>(3);
        if (np.color() != null) {
            named.add("color");
        }
        if (np.shape() != null) {
            named.add("shape");
        }
        if (named.isEmpty()) {
            return false; // "objects" or "large objects": nothing to change short of moving or removing the object
        }
        SceneObject o = objects.get(i);
        String attribute = named.get(r.nextInt(named.size()));
        String value = "color".equals(attribute) ? other(d.colors, o.color(), r) : other(d.shapes, o.shape(), r);
        if (value == null) {
            return false;
        }
        objects.set(i, with(o, attribute, value));
        return !np.matches(objects.get(i));
    }

    /**
     * Gives one object the color and shape {@code np} names, choosing among the objects of the named size (if any)
     * that already have the most of them (a triangle of another color becomes the red triangle asked about).
     */
    private static boolean makeOneMatch(List<SceneObject> objects, Np np, WorldDifficulty d, SplittableRandom r) {
        if (np.color() == null && np.shape() == null
                || np.color() != null && !d.colors.contains(np.color()) || np.shape() != null && !d.shapes.contains(np.shape())
                || np.pattern() != null && !d.patterns.contains(np.pattern())) {
            return false;
        }
        int best = -1;
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            SceneObject o = objects.get(i);
            if (np.size() != null && !np.size().equals(o.size())) {
                continue;
            }
            int shared = (np.color() != null && np.color().equals(o.color()) ? 1 : 0)
                    + (np.shape() != null && np.shape().equals(o.shape()) ? 1 : 0);
            if (shared > best) {
                best = shared;
                candidates.clear();
            }
            if (shared == best) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return false;
        }
        int i = candidates.get(r.nextInt(candidates.size()));
        SceneObject o = objects.get(i);
        o = np.color() == null ? o : with(o, "color", np.color());
        o = np.shape() == null ? o : with(o, "shape", np.shape());
        o = np.pattern() == null ? o : with(o, "pattern", np.pattern());
        objects.set(i, o);
        return np.matches(o);
    }

    private static boolean recolor(List<SceneObject> objects, int i, WorldDifficulty d, SplittableRandom r) {
        String color = other(d.colors, objects.get(i).color(), r);
        if (color == null) {
            return false;
        }
        objects.set(i, with(objects.get(i), "color", color));
        return true;
    }

    private static String other(List<String> values, String current, SplittableRandom r) {
        List<String> others = new ArrayList<>(values);
        others.remove(current);
        return others.isEmpty() ? null : others.get(r.nextInt(others.size()));
    }

    private static SceneObject with(SceneObject o, String attribute, String value) {
        return switch (attribute) {
            case "color" -> new SceneObject(o.shape(), value, o.size(), o.pattern(), o.x(), o.y(), o.bbox());
            case "shape" -> new SceneObject(value, o.color(), o.size(), o.pattern(), o.x(), o.y(), o.bbox());
            case "pattern" -> new SceneObject(o.shape(), o.color(), o.size(), value, o.x(), o.y(), o.bbox());
            default -> throw new IllegalArgumentException(attribute);
        };
    }
}
