package org.vapr.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.vapr.core.Category;

/**
 * Builds NaturalBench groups from a held-out scene and a minimally different copy of it, so that question 0 is
 * true of image 0 and false of image 1 and question 1 the reverse. The constructions, tried in rotation from
 * {@code index mod 5} until one fits the scene:
 * <ul>
 *   <li>{@code color_swap} (yes/no): one object changes color; "Is there a red circle…?" / "Is there a blue circle…?";</li>
 *   <li>{@code shape_swap} (yes/no): one object changes shape; "Is there a red circle…?" / "Is there a red star…?";</li>
 *   <li>{@code mirror} (yes/no): the scene mirrored left to right; "Is the A to the left of the B?" / "… to the right of …";</li>
 *   <li>{@code mc_color} (multiple choice): one object changes color; "What color is the large striped circle?"
 *       with options A/B swapped between the two questions;</li>
 *   <li>{@code mc_shape} (multiple choice): one object changes shape; "What shape is the large red object?".</li>
 * </ul>
 * A change never makes two objects share (shape, color, size), the generator's own invariant.
 */
final class NaturalBenchPairs {
    static final List<String> CONSTRUCTIONS = List.of("color_swap", "shape_swap", "mirror", "mc_color", "mc_shape");
    static final String YES_NO = "yes_no";
    static final String MULTIPLE_CHOICE = "multiple_choice";
    private static final long PURPOSE = 0x4A7B3L;

    /** A group with its two images and the oracle checks behind its four gold answers. */
    record Pair(NaturalBenchGroup row, Scene image0, Scene image1, String construction, List<OracleCheck> checks) {
    }

    private final long seed;

    private final WorldDifficulty difficulty;

    NaturalBenchPairs(long seed) {
        this(seed, WorldDifficulty.STANDARD);
    }

    NaturalBenchPairs(long seed, WorldDifficulty difficulty) {
        this.seed = seed;
        this.difficulty = difficulty;
    }

    /** The group for {@code base}, or null when no construction fits it. */
    Pair make(int index, Scene base) {
        SplittableRandom r = Seeds.rng(seed, index, PURPOSE);
        for (int k = 0; k < CONSTRUCTIONS.size(); k++) {
            String c = CONSTRUCTIONS.get((index + k) % CONSTRUCTIONS.size());
            Pair p = switch (c) {
                case "color_swap" -> swapExistence(index, base, r, true);
                case "shape_swap" -> swapExistence(index, base, r, false);
                case "mirror" -> mirror(index, base, r);
                case "mc_color" -> swapChoice(index, base, r, true);
                default -> swapChoice(index, base, r, false);
            };
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static SceneObject with(SceneObject o, String color, String shape) {
        return new SceneObject(shape, color, o.size(), o.pattern(), o.x(), o.y(), o.bbox());
    }

    private static int countClass(Scene s, String color, String shape) {
        int n = 0;
        for (SceneObject o : s.objects()) {
            if (o.color().equals(color) && o.shape().equals(shape)) {
                n++;
            }
        }
        return n;
    }

    private static boolean taken(Scene s, String shape, String color, String size) {
        for (SceneObject o : s.objects()) {
            if (o.shape().equals(shape) && o.color().equals(color) && o.size().equals(size)) {
                return true;
            }
        }
        return false;
    }

    private static List<Integer> order(int n, SplittableRandom r) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            idx.add(i);
        }
        for (int j = n - 1; j > 0; j--) {
            int m = r.nextInt(j + 1);
            Integer t = idx.get(j);
            idx.set(j, idx.get(m));
            idx.set(m, t);
        }
        return idx;
    }

    private static Scene replaced(Scene base, int at, SceneObject o) {
        List<SceneObject> objs = new ArrayList<>(base.objects());
        objs.set(at, o);
        return HeldOutScenes.variant(base, "_b", objs);
    }

    private static Scene first(Scene base) {
        return HeldOutScenes.variant(base, "_a", base.objects());
    }

    private Pair swapExistence(int index, Scene base, SplittableRandom r, boolean color) {
        List<String> values = color ? difficulty.colors : difficulty.shapes;
        for (int at : order(base.objects().size(), r)) {
            SceneObject o = base.objects().get(at);
            if (countClass(base, o.color(), o.shape()) != 1) {
                continue;
            }
            List<String> options = new ArrayList<>();
            for (String v : values) {
                String c = color ? v : o.color();
                String s = color ? o.shape() : v;
                if (!v.equals(color ? o.color() : o.shape()) && countClass(base, c, s) == 0) {
                    options.add(v);
                }
            }
            if (options.isEmpty()) {
                continue;
            }
            String v = options.get(r.nextInt(options.size()));
            SceneObject changed = color ? with(o, v, o.shape()) : with(o, o.color(), v);
            Scene i0 = first(base);
            Scene i1 = replaced(base, at, changed);
            String q0 = PopeSampler.question(PopeSampler.classOf(o));
            String q1 = PopeSampler.question(PopeSampler.classOf(changed));
            return yesNo(index, i0, i1, q0, q1, Category.EXISTENCE, color ? "color_swap" : "shape_swap");
        }
        return null;
    }

    private Pair mirror(int index, Scene base, SplittableRandom r) {
        List<SceneObject> objs = base.objects();
        if (objs.size() < 2) {
            return null;
        }
        QaFactory f = new QaFactory(base, r, 0.5, difficulty);
        for (int ai : order(objs.size(), r)) {
            for (int bi : order(objs.size(), r)) {
                SceneObject a = objs.get(ai);
                SceneObject b = objs.get(bi);
                if (a == b || Relation.LEFT.holds(a, b) != org.vapr.core.Verdict.TRUE) {
                    continue;
                }
                Np na = f.describe(a, Set.of());
                Np nb = f.describe(b, Set.of());
                if (na == null || nb == null) {
                    continue;
                }
                List<SceneObject> flipped = new ArrayList<>(objs.size());
                for (SceneObject o : objs) {
                    List<Double> box = o.bbox();
                    flipped.add(new SceneObject(o.shape(), o.color(), o.size(), o.pattern(),
                            SceneGenerator.round(1 - o.x(), 1000), o.y(),
                            List.of(SceneGenerator.round(1 - box.get(2), 100), box.get(1),
                                    SceneGenerator.round(1 - box.get(0), 100), box.get(3))));
                }
                Scene i0 = first(base);
                Scene i1 = HeldOutScenes.variant(base, "_b", flipped);
                String q0 = "Is the " + na.text() + " " + Relation.LEFT.phrase + " the " + nb.text() + "?";
                String q1 = "Is the " + na.text() + " " + Relation.RIGHT.phrase + " the " + nb.text() + "?";
                return yesNo(index, i0, i1, q0, q1, Category.SPATIAL, "mirror");
            }
        }
        return null;
    }

    private Pair swapChoice(int index, Scene base, SplittableRandom r, boolean color) {
        QaFactory f = new QaFactory(base, r, 0.5, difficulty);
        for (int at : order(base.objects().size(), r)) {
            SceneObject o = base.objects().get(at);
            Np np = f.describe(o, Set.of(color ? QaFactory.COLOR : QaFactory.SHAPE));
            if (np == null) {
                continue;
            }
            List<String> values = color ? difficulty.colors : difficulty.shapes;
            String old = color ? o.color() : o.shape();
            List<String> options = new ArrayList<>();
            for (String v : values) {
                if (!v.equals(old) && !taken(base, color ? o.shape() : v, color ? v : o.color(), o.size())) {
                    options.add(v);
                }
            }
            if (options.isEmpty()) {
                continue;
            }
            String v = options.get(r.nextInt(options.size()));
            SceneObject changed = color ? with(o, v, o.shape()) : with(o, o.color(), v);
            Scene i0 = first(base);
            Scene i1 = replaced(base, at, changed);
            String stem = (color ? "What color is the " : "What shape is the ") + np.text() + "?";
            String x = Vocab.cap(old);
            String y = Vocab.cap(v);
            String q0 = stem + "\nA. " + x + "\nB. " + y;
            String q1 = stem + "\nA. " + y + "\nB. " + x;
            Category cat = color ? Category.COLOR : Category.OBJECT;
            List<OracleCheck> checks = List.of(
                    new OracleCheck(i0.image(), cat, stem, x, true), new OracleCheck(i0.image(), cat, stem, y, false),
                    new OracleCheck(i1.image(), cat, stem, y, true), new OracleCheck(i1.image(), cat, stem, x, false));
            NaturalBenchGroup row = new NaturalBenchGroup(index, i0.image(), i1.image(), q0, "A", "B", q1, "B", "A",
                    MULTIPLE_CHOICE, "vapr-world:" + (color ? "mc_color" : "mc_shape"));
            return new Pair(row, i0, i1, color ? "mc_color" : "mc_shape", checks);
        }
        return null;
    }

    private static Pair yesNo(int index, Scene i0, Scene i1, String q0, String q1, Category cat, String construction) {
        List<OracleCheck> checks = new ArrayList<>(8);
        for (String[] c : new String[][] {{i0.image(), q0, "Yes", "No"}, {i1.image(), q0, "No", "Yes"},
            {i0.image(), q1, "No", "Yes"}, {i1.image(), q1, "Yes", "No"}}) {
            checks.add(new OracleCheck(c[0], cat, c[1], c[2], true));
            checks.add(new OracleCheck(c[0], cat, c[1], c[3], false));
        }
        NaturalBenchGroup row = new NaturalBenchGroup(index, i0.image(), i1.image(), q0, "Yes", "No", q1, "No", "Yes",
                YES_NO, "vapr-world:" + construction);
        return new Pair(row, i0, i1, construction, checks);
    }
}
