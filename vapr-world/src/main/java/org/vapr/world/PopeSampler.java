package org.vapr.world;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * POPE's three negative-sampling strategies over the world's object classes. An object class is a (color, shape)
 * pair such as "red circle": 10 × 8 = 80 classes, as POPE asks about COCO's 80 categories; size and pattern are
 * not part of the class. Per image, {@code k = min(3, classes present)} positives (the same in all splits) and
 * {@code k} negatives, so every split is exactly half yes:
 * <ul>
 *   <li>random: any absent class, uniformly;</li>
 *   <li>popular: the absent classes that occur in the most images of the benchmark's scene set;</li>
 *   <li>adversarial: absent classes that share a color or a shape with a present object (the world's analogue of
 *       co-occurrence: a themed scene repeats a color or a shape, so such classes do co-occur most), ranked by
 *       how often they co-occur with the present classes in the scene set.</li>
 * </ul>
 * Ties are broken by a per-image seeded order, never alphabetically.
 */
final class PopeSampler {
    static final List<String> SPLITS = List.of("random", "popular", "adversarial");
    static final int PER_IMAGE = 3;
    private static final long PURPOSE = 0x909EL;

    /** Every object class, "color shape", in vocabulary order. */
    static final List<String> CLASSES;

    /** Each class's {color, shape}. */
    private static final Map<String, String[]> PARTS = new HashMap<>();

    static {
        List<String> c = new ArrayList<>();
        for (String color : Vocab.COLORS) {
            for (String shape : Vocab.SHAPES) {
                c.add(color + " " + shape);
                PARTS.put(color + " " + shape, new String[] {color, shape});
            }
        }
        CLASSES = List.copyOf(c);
    }

    private final List<Scene> scenes;
    private final long seed;
    private final List<String> candidates;
    private final Map<String, Integer> frequency = new HashMap<>();
    private final Map<String, Map<String, Integer>> cooccurrence = new HashMap<>();

    PopeSampler(List<Scene> scenes, long seed) {
        this(scenes, seed, WorldDifficulty.STANDARD);
    }

    /** Negatives drawn from the object classes of {@code difficulty}. */
    PopeSampler(List<Scene> scenes, long seed, WorldDifficulty difficulty) {
        this.candidates = classes(difficulty);
        this.scenes = scenes;
        this.seed = seed;
        for (Scene s : scenes) {
            TreeSet<String> present = classes(s);
            for (String a : present) {
                frequency.merge(a, 1, Integer::sum);
                for (String b : present) {
                    if (!a.equals(b)) {
                        cooccurrence.computeIfAbsent(a, x -> new HashMap<>()).merge(b, 1, Integer::sum);
                    }
                }
            }
        }
    }

    /** The object classes of a difficulty, "color shape", in vocabulary order. */
    static List<String> classes(WorldDifficulty difficulty) {
        if (difficulty == WorldDifficulty.STANDARD) {
            return CLASSES;
        }
        List<String> c = new ArrayList<>();
        for (String color : difficulty.colors) {
            for (String shape : difficulty.shapes) {
                c.add(color + " " + shape);
            }
        }
        return List.copyOf(c);
    }

    static String classOf(SceneObject o) {
        return o.color() + " " + o.shape();
    }

    static TreeSet<String> classes(Scene s) {
        TreeSet<String> out = new TreeSet<>();
        for (SceneObject o : s.objects()) {
            out.add(classOf(o));
        }
        return out;
    }

    static String question(String cls) {
        return "Is there " + Vocab.withArticle(cls) + " in the image?";
    }

    /** Images in the scene set that show the class. */
    int frequency(String cls) {
        return frequency.getOrDefault(cls, 0);
    }

    /** Images in the scene set that show both classes. */
    int cooccurrence(String a, String b) {
        return cooccurrence.getOrDefault(a, Map.of()).getOrDefault(b, 0);
    }

    static boolean sharesAttribute(String cls, Iterable<String> present) {
        String[] c = PARTS.get(cls);
        for (String p : present) {
            String[] q = PARTS.get(p);
            if (c[0].equals(q[0]) || c[1].equals(q[1])) {
                return true;
            }
        }
        return false;
    }

    /** The positives and, per split, the negatives of scene {@code i}: {@code [positives, random, popular, adversarial]}. */
    List<List<String>> sample(int i) {
        Scene s = scenes.get(i);
        TreeSet<String> present = classes(s);
        SplittableRandom r = Seeds.rng(seed, i, PURPOSE);
        int k = Math.min(PER_IMAGE, present.size());
        List<String> pos = new ArrayList<>(present);
        shuffle(pos, r);
        pos = List.copyOf(pos.subList(0, k));
        List<String> absent = new ArrayList<>();
        for (String c : candidates) {
            if (!present.contains(c)) {
                absent.add(c);
            }
        }
        // one seeded tie-break order for this image
        shuffle(absent, r);
        Map<String, Integer> tie = new LinkedHashMap<>();
        for (int j = 0; j < absent.size(); j++) {
            tie.put(absent.get(j), j);
        }
        List<String> random = List.copyOf(absent.subList(0, k));
        List<String> popular = absent.stream()
                .sorted(Comparator.comparingInt((String c) -> -frequency(c)).thenComparingInt(tie::get))
                .limit(k).toList();
        Map<String, Long> near = new HashMap<>(); // sharing an attribute first, then more co-occurrence first
        for (String c : absent) {
            near.put(c, (sharesAttribute(c, present) ? 0L : 1L << 40) - coScore(c, present));
        }
        List<String> adversarial = absent.stream()
                .sorted(Comparator.comparingLong((String c) -> near.get(c)).thenComparingInt(tie::get))
                .limit(k).toList();
        return List.of(pos, random, popular, adversarial);
    }

    /** How often the class co-occurs with the present classes, summed. */
    int coScore(String cls, Iterable<String> present) {
        int n = 0;
        for (String p : present) {
            n += cooccurrence(cls, p);
        }
        return n;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom r) {
        for (int j = list.size() - 1; j > 0; j--) {
            int m = r.nextInt(j + 1);
            T t = list.get(j);
            list.set(j, list.get(m));
            list.set(m, t);
        }
    }
}
