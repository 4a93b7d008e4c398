package org.vapr.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.vapr.core.Category;
import org.vapr.core.Verdict;

/**
 * Four-option multiple-choice questions about one held-out scene: color ("What color is the large striped
 * circle?"), counting ("How many red objects are there in the image?"), shape ("What shape is the small blue
 * object?") and spatial ("Where is the red circle relative to the green star?", options Left/Right/Above/Below, when
 * the three wrong directions are all plainly false; otherwise "What is to the left of the green star?", options
 * the object there, other objects of the scene that are plainly not there, and objects absent from the scene).
 * Scene {@code i} asks the type {@code i mod 4}, or the next one that fits. The gold letter cycles A, B, C, D per
 * type, so letters are balanced within each type and overall; distractors are seeded and checked false.
 */
final class McQuestions {
    static final List<String> TYPES = List.of("color", "counting", "shape", "spatial");
    static final String LETTERS = "ABCD";
    private static final long PURPOSE = 0x3C0A1L;
    private static final Relation[] AXES = {Relation.LEFT, Relation.RIGHT, Relation.ABOVE, Relation.BELOW};

    /** A question with the oracle checks behind its gold option and its three distractors. */
    record Made(McQuestion question, String type, List<OracleCheck> checks) {
    }

    private final long seed;
    private final int[] perType = new int[TYPES.size()];

    private final WorldDifficulty difficulty;

    McQuestions(long seed) {
        this(seed, WorldDifficulty.STANDARD);
    }

    McQuestions(long seed, WorldDifficulty difficulty) {
        this.seed = seed;
        this.difficulty = difficulty;
    }

    /** The question for scene {@code index}, or null when no type fits; call in index order (letters cycle). */
    Made make(int index, Scene s) {
        SplittableRandom r = Seeds.rng(seed, index, PURPOSE);
        for (int k = 0; k < TYPES.size(); k++) {
            int t = (index + k) % TYPES.size();
            String[] q = switch (t) {
                case 0 -> attribute(s, r, true);
                case 1 -> counting(s, r);
                case 2 -> attribute(s, r, false);
                default -> spatial(s, r);
            };
            if (q == null) {
                continue;
            }
            // q = {question, gold, d1, d2, d3}
            int gold = perType[t]++ % 4;
            String[] choices = new String[4];
            choices[gold] = q[1];
            for (int i = 0, d = 2; i < 4; i++) {
                if (i != gold) {
                    choices[i] = q[d++];
                }
            }
            Category cat = switch (t) {
                case 0 -> Category.COLOR;
                case 1 -> Category.COUNTING;
                case 2 -> Category.OBJECT;
                default -> Category.SPATIAL;
            };
            List<OracleCheck> checks = new ArrayList<>(4);
            for (int i = 0; i < 4; i++) {
                checks.add(new OracleCheck(s.image(), cat, q[0], choices[i], i == gold));
            }
            String id = String.format(Locale.ROOT, "mc_%06d", index);
            McQuestion mq = new McQuestion(id, q[0], choices[0], choices[1], choices[2], choices[3],
                    String.valueOf(LETTERS.charAt(gold)), t + 1, "image", s.image(), s.image());
            return new Made(mq, TYPES.get(t), checks);
        }
        return null;
    }

    private static List<String> distractors(List<String> pool, String gold, SplittableRandom r) {
        List<String> rest = new ArrayList<>(pool);
        rest.remove(gold);
        List<String> out = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            out.add(rest.remove(r.nextInt(rest.size())));
        }
        return out;
    }

    private static String[] question(String q, String gold, List<String> d) {
        return new String[] {q, gold, d.get(0), d.get(1), d.get(2)};
    }

    private String[] attribute(Scene s, SplittableRandom r, boolean color) {
        QaFactory f = new QaFactory(s, r, 0.5, difficulty);
        for (int at = 0; at < s.objects().size(); at++) {
            SceneObject o = s.objects().get((at + r.nextInt(s.objects().size())) % s.objects().size());
            Np np = f.describe(o, Set.of(color ? QaFactory.COLOR : QaFactory.SHAPE));
            if (np == null) {
                continue;
            }
            List<String> pool = (color ? difficulty.colors : difficulty.shapes).stream().map(Vocab::cap).toList();
            String gold = Vocab.cap(color ? o.color() : o.shape());
            return question((color ? "What color is the " : "What shape is the ") + np.text() + "?", gold,
                    distractors(pool, gold, r));
        }
        return null;
    }

    private String[] counting(Scene s, SplittableRandom r) {
        SceneObject o = s.objects().get(r.nextInt(s.objects().size()));
        int[] masks = {4, 8, 12};
        Np np = QaFactory.build(o, masks[r.nextInt(masks.length)]).asPlural();
        int n = np.count(s);
        List<String> pool = new ArrayList<>();
        for (int i = 0; i <= Math.max(6, n + 3); i++) {
            pool.add(Integer.toString(i));
        }
        String gold = Integer.toString(n);
        return question("How many " + np.text() + " are there in the image?", gold, distractors(pool, gold, r));
    }

    private String[] spatial(Scene s, SplittableRandom r) {
        List<SceneObject> objs = s.objects();
        if (objs.size() < 2) {
            return null;
        }
        QaFactory f = new QaFactory(s, r, 0.5, difficulty);
        List<Integer> order = shuffled(objs.size(), r);
        // "Where is the A relative to the B?" when the other three directions are all plainly false
        for (int ai : order) {
            for (int bi : order) {
                SceneObject a = objs.get(ai);
                SceneObject b = objs.get(bi);
                Relation rel = a == b ? null : Relation.dominant(a, b);
                if (rel == null) {
                    continue;
                }
                List<String> wrong = new ArrayList<>();
                for (Relation x : AXES) {
                    if (x != rel && x.holds(a, b) == Verdict.FALSE) {
                        wrong.add(Vocab.cap(x.word));
                    }
                }
                if (wrong.size() < 3) {
                    continue;
                }
                Np na = f.describe(a, Set.of());
                Np nb = f.describe(b, Set.of());
                if (na == null || nb == null) {
                    continue;
                }
                return question("Where is the " + na.text() + " relative to the " + nb.text() + "?", Vocab.cap(rel.word),
                        distractors(wrong, null, r));
            }
        }
        // otherwise "What is to the left of the B?": the one object in that direction; distractors are the scene's
        // objects plainly not in that direction, then objects absent from the scene
        for (int bi : order) {
            SceneObject b = objs.get(bi);
            for (int k : shuffled(AXES.length, r)) {
                Relation rel = AXES[k];
                SceneObject hit = null;
                boolean clean = true;
                List<SceneObject> others = new ArrayList<>();
                for (SceneObject x : objs) {
                    if (x == b) {
                        continue;
                    }
                    Verdict v = rel.holds(x, b);
                    if (v == Verdict.TRUE) {
                        clean &= hit == null;
                        hit = x;
                    } else if (v == Verdict.FALSE) {
                        others.add(x);
                    } else {
                        clean = false;
                    }
                }
                Np nb = f.describe(b, Set.of());
                Np nx = hit == null ? null : f.describe(hit, Set.of());
                if (!clean || nb == null || nx == null) {
                    continue;
                }
                List<String> wrong = new ArrayList<>();
                for (SceneObject y : others) {
                    Np ny = f.describe(y, Set.of());
                    if (ny != null && wrong.size() < 3) {
                        wrong.add(Vocab.cap(ny.text()));
                    }
                }
                Set<String> present = PopeSampler.classes(s);
                for (int c : shuffled(PopeSampler.classes(difficulty).size(), r)) {
                    String cls = PopeSampler.classes(difficulty).get(c);
                    if (wrong.size() < 3 && !present.contains(cls)) {
                        wrong.add(Vocab.cap(cls));
                    }
                }
                return question("What is " + rel.phrase + " the " + nb.text() + "?", Vocab.cap(nx.text()),
                        distractors(wrong, null, r));
            }
        }
        return null;
    }

    private static List<Integer> shuffled(int n, SplittableRandom r) {
        List<Integer> idx = new ArrayList<>(n);
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
}
