package org.vapr.world;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.vapr.core.Category;
import org.vapr.core.Verdict;

/** Writes questions and gold answers (short and sentence forms) about one scene; every answer is true of it. */
final class QaFactory {
    static final String SIZE = "size";
    static final String PATTERN = "pattern";
    static final String COLOR = "color";
    static final String SHAPE = "shape";
    private static final String[] ATTRS = {SIZE, PATTERN, COLOR, SHAPE};

    private final Scene s;
    private final List<SceneObject> objs;
    private final SplittableRandom r;
    private final double yesShare;

    private final WorldDifficulty difficulty;

    QaFactory(Scene scene, SplittableRandom r, double yesShare) {
        this(scene, r, yesShare, WorldDifficulty.STANDARD);
    }

    /** Questions whose absent attribute values come from {@code difficulty}'s values. */
    QaFactory(Scene scene, SplittableRandom r, double yesShare, WorldDifficulty difficulty) {
        this.difficulty = difficulty;
        this.s = scene;
        this.objs = scene.objects();
        this.r = r;
        this.yesShare = yesShare;
    }

    /** A question of the category, or null when the scene offers none. */
    Qa make(Category c) {
        return switch (c) {
            case COUNTING -> counting();
            case COLOR -> color();
            case SIZE -> size();
            case OBJECT -> object();
            case BACKGROUND -> background();
            case SPATIAL -> spatial();
            case EXISTENCE -> existence();
            case REFERENTIAL -> referential(false);
            default -> null;
        };
    }

    private <T> T any(List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private SceneObject anyObject() {
        return objs.get(r.nextInt(objs.size()));
    }

    // ---------------------------------------------------------------- noun phrases

    static Np build(SceneObject o, int mask) {
        return new Np((mask & 1) != 0 ? o.size() : null, (mask & 2) != 0 ? o.pattern() : null,
                (mask & 4) != 0 ? o.color() : null, (mask & 8) != 0 ? o.shape() : null, false);
    }

    private static int maskOf(Set<String> forbid) {
        int m = 0;
        for (int i = 0; i < ATTRS.length; i++) {
            if (!forbid.contains(ATTRS[i])) {
                m |= 1 << i;
            }
        }
        return m;
    }

    /** A singular phrase that picks out exactly this object without the forbidden attributes, or null. */
    Np describe(SceneObject o, Set<String> forbid) {
        int allowed = maskOf(forbid);
        List<Np> all = new ArrayList<>();
        List<Np> best = new ArrayList<>();
        double bestScore = Double.MAX_VALUE;
        for (int m = 1; m < 16; m++) {
            if ((m & ~allowed) != 0) {
                continue;
            }
            Np np = build(o, m);
            if (np.count(s) != 1) {
                continue;
            }
            all.add(np);
            double score = Integer.bitCount(m) + ((m & 8) != 0 ? 0 : 0.6) + ((m == 2 || m == 1) ? 0.3 : 0);
            if (score < bestScore - 1e-9) {
                bestScore = score;
                best.clear();
                best.add(np);
            } else if (Math.abs(score - bestScore) < 1e-9) {
                best.add(np);
            }
        }
        if (all.isEmpty()) {
            return null;
        }
        return r.nextDouble() < 0.75 ? any(best) : any(all);
    }

    /** An object of the scene with a unique description under the constraint, with that description. */
    private Object[] describedObject(Set<String> forbid) {
        int start = r.nextInt(objs.size());
        for (int i = 0; i < objs.size(); i++) {
            SceneObject o = objs.get((start + i) % objs.size());
            Np np = describe(o, forbid);
            if (np != null) {
                return new Object[] {o, np};
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- categories

    Qa counting() {
        Np np;
        double u = r.nextDouble();
        if (u < 0.15) {
            np = new Np(null, null, null, null, true);
        } else {
            SceneObject o = anyObject();
            int[] masks = {4, 8, 12, 1, 2, 9, 6, 10};
            np = build(o, masks[r.nextInt(masks.length)]).asPlural();
            if (r.nextDouble() < 0.15) {
                np = np.color() != null
                        ? new Np(np.size(), np.pattern(), any(difficulty.colors), np.shape(), true)
                        : new Np(np.size(), np.pattern(), np.color(), any(difficulty.shapes), true);
            }
        }
        int n = np.count(s);
        String pl = np.text();
        String q = switch (r.nextInt(4)) {
            case 0 -> "How many " + pl + " are there?";
            case 1 -> "How many " + pl + " are there in the image?";
            case 2 -> "What is the number of " + pl + " in the image?";
            default -> "How many " + pl + " can you see in the image?";
        };
        String longA = n == 0 ? "There are no " + pl + " in the image."
                : n == 1 ? "There is one " + np.singular().text() + " in the image."
                : "There are " + Vocab.numberWord(n) + " " + pl + " in the image.";
        return new Qa(Category.COUNTING, q, Integer.toString(n), longA, null);
    }

    Qa color() {
        Object[] d = describedObject(Set.of(COLOR));
        if (d == null) {
            return null;
        }
        SceneObject o = (SceneObject) d[0];
        String np = ((Np) d[1]).text();
        String q = r.nextBoolean() ? "What color is the " + np + "?" : "What is the color of the " + np + "?";
        return new Qa(Category.COLOR, q, Vocab.cap(o.color()), "The " + np + " is " + o.color() + ".", null);
    }

    Qa size() {
        double u = r.nextDouble();
        if (u < 0.35 && objs.size() >= 2) {
            Qa q = bigger();
            if (q != null) {
                return q;
            }
        }
        Object[] d = describedObject(Set.of(SIZE));
        if (d == null) {
            return null;
        }
        SceneObject o = (SceneObject) d[0];
        String np = ((Np) d[1]).text();
        String q = r.nextBoolean() ? "What size is the " + np + "?" : "Is the " + np + " small, medium, or large?";
        String sizeText = o.size().equals("medium") && r.nextBoolean() ? "medium-sized" : o.size();
        return new Qa(Category.SIZE, q, Vocab.cap(o.size()), "The " + np + " is " + sizeText + ".", null);
    }

    private Qa bigger() {
        for (int t = 0; t < 6; t++) {
            SceneObject a = anyObject();
            SceneObject b = anyObject();
            if (Vocab.sizeRank(a.size()) == Vocab.sizeRank(b.size())) {
                continue;
            }
            Np na = describe(a, Set.of(SIZE));
            Np nb = describe(b, Set.of(SIZE));
            if (na == null || nb == null) {
                continue;
            }
            boolean smaller = r.nextDouble() < 0.3;
            String word = smaller ? "smaller" : r.nextBoolean() ? "bigger" : "larger";
            boolean aWins = (Vocab.sizeRank(a.size()) > Vocab.sizeRank(b.size())) != smaller;
            Np win = aWins ? na : nb;
            Np lose = aWins ? nb : na;
            String q = "Which is " + word + ", the " + na.text() + " or the " + nb.text() + "?";
            return new Qa(Category.SIZE, q, Vocab.cap(win.text()),
                    "The " + win.text() + " is " + word + " than the " + lose.text() + ".", null);
        }
        return null;
    }

    Qa object() {
        double u = r.nextDouble();
        if (u < 0.2 && objs.size() >= 2) {
            Qa q = side();
            if (q != null) {
                return q;
            }
        }
        if (u < 0.6) {
            Object[] d = describedObject(Set.of(SHAPE));
            if (d != null) {
                SceneObject o = (SceneObject) d[0];
                String np = ((Np) d[1]).text();
                return new Qa(Category.OBJECT, "What shape is the " + np + "?", Vocab.cap(o.shape()),
                        "The " + np + " is " + Vocab.withArticle(o.shape()) + ".", null);
            }
        }
        Object[] d = describedObject(Set.of(PATTERN));
        if (d == null) {
            return null;
        }
        SceneObject o = (SceneObject) d[0];
        String np = ((Np) d[1]).text();
        String longA = r.nextBoolean() ? "The " + np + " has " + Vocab.withArticle(o.pattern()) + " pattern."
                : "The " + np + " is " + o.pattern() + ".";
        return new Qa(Category.OBJECT, "What pattern does the " + np + " have?", Vocab.cap(o.pattern()), longA, null);
    }

    private Qa side() {
        boolean left = r.nextBoolean();
        SceneObject ext = extreme(objs, left);
        if (ext == null) {
            left = !left;
            ext = extreme(objs, left);
        }
        if (ext == null) {
            return null;
        }
        String side = left ? "left" : "right";
        return new Qa(Category.OBJECT, "What kind of shape is on the " + side + "?", Vocab.cap(ext.shape()),
                "The shape on the " + side + " is " + Vocab.withArticle(ext.shape()) + ".", null);
    }

    /** The leftmost (or rightmost) object when it is so by the relation margin against every other object. */
    static SceneObject extreme(List<SceneObject> objs, boolean left) {
        if (objs.size() < 2) {
            return null;
        }
        SceneObject best = null;
        for (SceneObject o : objs) {
            if (best == null || (left ? o.x() < best.x() : o.x() > best.x())) {
                best = o;
            }
        }
        for (SceneObject o : objs) {
            if (o != best && Math.abs(o.x() - best.x()) <= Relation.MARGIN) {
                return null;
            }
        }
        return best;
    }

    Qa background() {
        String bg = s.background();
        List<Integer> families = new ArrayList<>(List.of(2));
        if (Vocab.outdoors(bg)) {
            families.add(1);
            if (!bg.equals("night")) {
                families.add(0);
                families.add(0);
            }
        }
        int f = any(families);
        if (f == 0) {
            String w = Vocab.weather(bg);
            String longA = r.nextBoolean() ? "The weather is " + w + "." : "It is " + w + ".";
            return new Qa(Category.BACKGROUND, "What is the weather like in the image?", Vocab.cap(w), longA, null);
        }
        if (f == 1) {
            String t = Vocab.timeOfDay(bg);
            String shortA = t.equals("day") && r.nextBoolean() ? "Daytime" : Vocab.cap(t);
            String longA = "It is " + (t.equals("day") ? "daytime" : t) + ".";
            return new Qa(Category.BACKGROUND, "What time of day is it in the image?", shortA, longA, null);
        }
        String place = Vocab.outdoors(bg) ? "outdoors" : "indoors";
        return new Qa(Category.BACKGROUND, "Is this picture taken indoors or outdoors?", Vocab.cap(place),
                "The picture is taken " + place + ".", null);
    }

    Qa spatial() {
        if (objs.size() < 2) {
            return null;
        }
        double u = r.nextDouble();
        if (u < 0.2) {
            Qa q = whatIs();
            if (q != null) {
                return q;
            }
        }
        for (int t = 0; t < 8; t++) {
            SceneObject a = anyObject();
            SceneObject b = anyObject();
            if (a == b) {
                continue;
            }
            Np na = describe(a, Set.of());
            Np nb = describe(b, Set.of());
            if (na == null || nb == null) {
                continue;
            }
            String ta = na.text();
            String tb = nb.text();
            if (u < 0.5) {
                Relation rel = Relation.dominant(a, b);
                if (rel == null) {
                    continue;
                }
                return new Qa(Category.SPATIAL, "Where is the " + ta + " relative to the " + tb + "?",
                        Vocab.cap(rel.word), "The " + ta + " is " + rel.phrase + " the " + tb + ".", null);
            }
            boolean yes = r.nextDouble() < yesShare;
            if (u > 0.9) {
                List<Relation> trueRels = new ArrayList<>();
                List<Relation> falseRels = new ArrayList<>();
                for (Relation rel : List.of(Relation.NEXT_TO, Relation.FAR_FROM)) {
                    Verdict v = rel.holds(a, b);
                    if (v == Verdict.TRUE) {
                        trueRels.add(rel);
                    } else if (v == Verdict.FALSE) {
                        falseRels.add(rel);
                    }
                }
                List<Relation> pool = yes ? trueRels : falseRels;
                if (!pool.isEmpty()) {
                    Relation asked = any(pool);
                    String q = "Is the " + ta + " " + asked.phrase + " the " + tb + "?";
                    String affirmed = "Yes, the " + ta + " is " + asked.phrase + " the " + tb + ".";
                    String denied = "No, the " + ta + " is not " + asked.phrase + " the " + tb + ".";
                    return new Qa(Category.SPATIAL, q, yes ? "Yes" : "No", yes ? affirmed : denied, yes, yes ? denied : affirmed);
                }
            }
            Relation rel = Relation.dominant(a, b);
            if (rel == null) {
                continue;
            }
            Relation asked = yes ? rel : rel.opposite();
            String q = "Is the " + ta + " " + asked.phrase + " the " + tb + "?";
            String longA = (yes ? "Yes, the " : "No, the ") + ta + " is " + rel.phrase + " the " + tb + ".";
            // the other answer in the same template: "No" and the relation that would then hold, or "Yes" and the one asked
            String opposite = yes ? "No, the " + ta + " is " + rel.opposite().phrase + " the " + tb + "."
                    : "Yes, the " + ta + " is " + asked.phrase + " the " + tb + ".";
            return new Qa(Category.SPATIAL, q, yes ? "Yes" : "No", longA, yes, opposite);
        }
        return null;
    }

    private Qa whatIs() {
        Relation[] rels = {Relation.LEFT, Relation.RIGHT, Relation.ABOVE, Relation.BELOW};
        int start = r.nextInt(objs.size());
        int rs = r.nextInt(4);
        for (int i = 0; i < objs.size(); i++) {
            SceneObject b = objs.get((start + i) % objs.size());
            for (int k = 0; k < 4; k++) {
                Relation rel = rels[(rs + k) % 4];
                SceneObject hit = null;
                boolean clean = true;
                for (SceneObject x : objs) {
                    if (x == b) {
                        continue;
                    }
                    Verdict v = rel.holds(x, b);
                    if (v == Verdict.TRUE) {
                        if (hit != null) {
                            clean = false;
                        }
                        hit = x;
                    } else if (v == Verdict.UNKNOWN) {
                        clean = false;
                    }
                }
                if (!clean || hit == null) {
                    continue;
                }
                Np nb = describe(b, Set.of());
                Np nx = describe(hit, Set.of());
                if (nb == null || nx == null) {
                    continue;
                }
                return new Qa(Category.SPATIAL, "What is " + rel.phrase + " the " + nb.text() + "?", Vocab.cap(nx.text()),
                        "The " + nx.text() + " is " + rel.phrase + " the " + nb.text() + ".", null);
            }
        }
        return null;
    }

    Qa existence() {
        boolean yes = r.nextDouble() < yesShare;
        // "yes" and "no" questions name the same attributes (the same masks), so the attributes a question names say
        // nothing about its answer: only the image does
        int[] masks = {8, 12, 4, 9, 10, 13, 12};
        int mask = masks[r.nextInt(masks.length)];
        Np np = null;
        if (yes) {
            np = build(anyObject(), mask);
        } else {
            // half the time (as POPE's popular and adversarial splits) an object of the scene with one named attribute
            // changed, so the other attributes are present; otherwise (as POPE's random split) any absent description
            boolean hard = r.nextBoolean();
            for (int t = 0; hard && t < 12 && np == null; t++) {
                Np cand = mutateOne(build(anyObject(), mask));
                if (cand != null && cand.count(s) == 0) {
                    np = cand;
                }
            }
            for (int t = 0; np == null && t < 200; t++) {
                Np cand = new Np((mask & 1) != 0 ? any(difficulty.sizes) : null,
                        (mask & 2) != 0 ? any(difficulty.patterns) : null,
                        (mask & 4) != 0 ? any(difficulty.colors) : null, (mask & 8) != 0 ? any(difficulty.shapes) : null,
                        false);
                if (cand.count(s) == 0) {
                    np = cand;
                }
            }
            for (int t = 0; np == null; t++) { // every object of that description is present: ask about a color-shape pair
                Np cand = new Np(null, null, any(difficulty.colors), any(difficulty.shapes), false);
                if (cand.count(s) == 0) {
                    np = cand;
                }
            }
        }
        int n = np.count(s);
        String sg = np.text();
        String pl = np.asPlural().text();
        int form = r.nextInt(3);
        String q;
        String affirmed;
        String denied;
        if (form == 0) {
            q = "Is there " + Vocab.withArticle(sg) + " in the image?";
            affirmed = "Yes, there is " + Vocab.withArticle(sg) + " in the image.";
            denied = "No, there is no " + sg + " in the image.";
        } else if (form == 1) {
            q = "Do you see " + Vocab.withArticle(sg) + "?";
            affirmed = "Yes, I can see " + Vocab.withArticle(sg) + ".";
            denied = "No, I do not see " + Vocab.withArticle(sg) + ".";
        } else {
            q = "Are there any " + pl + " in the image?";
            // a wrong "yes" claims the smallest count, as the world's own "yes" to one object reads
            affirmed = n <= 1 ? "Yes, there is one " + sg + " in the image."
                    : "Yes, there are " + Vocab.numberWord(n) + " " + pl + " in the image.";
            denied = "No, there are no " + pl + " in the image.";
        }
        return new Qa(Category.EXISTENCE, q, yes ? "Yes" : "No", yes ? affirmed : denied, yes, yes ? denied : affirmed);
    }

    /** {@code np} with one of its named color, shape or size replaced by another value; null when none can change. */
    private Np mutateOne(Np np) {
        List<Integer> choices = new java.util.ArrayList<>(3);
        if (np.color() != null && difficulty.colors.size() > 1) {
            choices.add(4);
        }
        if (np.shape() != null && difficulty.shapes.size() > 1) {
            choices.add(8);
        }
        if (np.size() != null && difficulty.sizes.size() > 1) {
            choices.add(1);
        }
        if (choices.isEmpty()) {
            return null;
        }
        return switch (any(choices)) {
            case 4 -> new Np(np.size(), np.pattern(), other(difficulty.colors, np.color()), np.shape(), false);
            case 8 -> new Np(np.size(), np.pattern(), np.color(), other(difficulty.shapes, np.shape()), false);
            default -> new Np(other(difficulty.sizes, np.size()), np.pattern(), np.color(), np.shape(), false);
        };
    }

    private String other(List<String> values, String not) {
        String v;
        do {
            v = any(values);
        } while (v.equals(not));
        return v;
    }

    /** A region question; {@code longOnly} allows the sentence-only "What is in the region" form. */
    Qa referential(boolean longOnly) {
        SceneObject o = anyObject();
        String box = o.boxText();
        double u = r.nextDouble();
        if (u < 0.5) {
            Np np = r.nextDouble() < 0.6 ? Np.of(o) : build(o, 8 | (1 + r.nextInt(7)));
            String a = Vocab.cap(np.withArticle()) + ".";
            return new Qa(Category.REFERENTIAL, "Please provide a short description for this region: " + box, a, a, null);
        }
        if (longOnly && u < 0.65) {
            return new Qa(Category.REFERENTIAL, "What is in the region " + box + "?", null,
                    "The region contains " + Np.of(o).withArticle() + ".", null);
        }
        if (u < 0.8) {
            return new Qa(Category.REFERENTIAL, "What color is the object in the region " + box + "?", Vocab.cap(o.color()),
                    "The object in the region is " + o.color() + ".", null);
        }
        return new Qa(Category.REFERENTIAL, "What shape is the object in the region " + box + "?", Vocab.cap(o.shape()),
                "The object in the region is " + Vocab.withArticle(o.shape()) + ".", null);
    }

    // ---------------------------------------------------------------- long forms

    /** A detailed description of 3 to 6 sentences. */
    String detail() {
        List<String> out = new ArrayList<>();
        String bg = s.background();
        out.add(Vocab.outdoors(bg) ? "The image shows an outdoor scene " + Vocab.setting(bg) + "." : "The image shows an indoor scene.");
        int n = objs.size();
        out.add(n == 1 ? "There is one object in the image." : "There are " + Vocab.numberWord(n) + " objects in the image.");
        List<String> items = new ArrayList<>();
        for (SceneObject o : objs) {
            items.add(Np.of(o).withArticle());
        }
        out.add("There is " + list(items) + ".");
        Map<String, Integer> colors = new LinkedHashMap<>();
        Map<String, Integer> shapes = new LinkedHashMap<>();
        for (SceneObject o : objs) {
            colors.merge(o.color(), 1, Integer::sum);
            shapes.merge(o.shape(), 1, Integer::sum);
        }
        int extra = 0;
        for (Map.Entry<String, Integer> e : colors.entrySet()) {
            if (e.getValue() >= 2 && extra < 1) {
                out.add("There are " + Vocab.numberWord(e.getValue()) + " " + e.getKey() + " objects in the image.");
                extra++;
            }
        }
        for (Map.Entry<String, Integer> e : shapes.entrySet()) {
            if (e.getValue() >= 2 && extra < 2) {
                out.add("There are " + Vocab.numberWord(e.getValue()) + " " + Vocab.plural(e.getKey()) + " in the image.");
                extra++;
            }
        }
        if (n >= 2) {
            for (int t = 0; t < 6; t++) {
                SceneObject a = anyObject();
                SceneObject b = anyObject();
                Relation rel = a == b ? null : Relation.dominant(a, b);
                Np na = rel == null ? null : describe(a, Set.of());
                Np nb = rel == null ? null : describe(b, Set.of());
                if (na != null && nb != null) {
                    out.add("The " + na.text() + " is " + rel.phrase + " the " + nb.text() + ".");
                    break;
                }
            }
        }
        if (out.size() < 6 && (out.size() < 3 || r.nextDouble() < 0.6)) {
            out.add(1, Vocab.SCENERY.get(bg));
        }
        return String.join(" ", out);
    }

    /** A one-sentence caption naming some objects and the setting. */
    String caption() {
        int k = Math.min(objs.size(), 1 + r.nextInt(3));
        List<SceneObject> pool = new ArrayList<>(objs);
        List<String> items = new ArrayList<>();
        while (items.size() < k && !pool.isEmpty()) {
            SceneObject o = pool.remove(r.nextInt(pool.size()));
            String phrase = build(o, 8 | r.nextInt(8)).withArticle();
            if (items.contains(phrase)) {
                phrase = Np.of(o).withArticle();
            }
            if (!items.contains(phrase)) {
                items.add(phrase);
            }
        }
        return Vocab.cap(list(items)) + " " + Vocab.setting(s.background()) + ".";
    }

    static String list(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** Reasoning questions that apply to this scene, each with a multi-sentence answer. */
    List<Qa> reasoning() {
        List<Qa> out = new ArrayList<>();
        String bg = s.background();
        int n = objs.size();
        String objects = n == 1 ? "object" : Vocab.numberWord(n) + " objects";
        switch (bg) {
            case "night" -> out.add(reason("Why might the scene look dark?", "It is night. The sky is dark navy with a few small stars. "
                    + "There is no sunlight, which is why the whole scene looks dark. The " + objects
                    + " remain visible because their light outlines stand out against the sky."));
            case "day" -> out.add(reason("Why does the scene look so bright?", "It is daytime. The weather is sunny. "
                    + Vocab.SCENERY.get("day") + " The strong sunlight makes the colors of the " + objects + " look vivid."));
            case "snowy" -> out.add(reason("Why might someone need a warm coat in this scene?", "It is snowy. "
                    + Vocab.SCENERY.get("snowy") + " Snow usually means the temperature is below freezing, so anyone "
                    + "standing outside would need warm clothes."));
            default -> {
            }
        }
        if (Vocab.outdoors(bg) && !bg.equals("night")) {
            String tail = switch (bg) {
                case "day" -> " There are no clouds in the sky, so it is probably a warm and pleasant day.";
                case "cloudy" -> " It might rain later, so an umbrella could be useful.";
                case "snowy" -> " It is probably cold outside, and the ground may be slippery.";
                default -> " The sun is setting, so the evening will probably be calm and cool.";
            };
            String first = bg.equals("snowy") ? "It is snowy." : "The weather is " + Vocab.weather(bg) + ".";
            out.add(reason("What can you infer about the weather from the image?", first + " " + Vocab.SCENERY.get(bg) + tail));
        }
        out.add(reason("Is this scene indoors or outdoors? Explain.", Vocab.outdoors(bg)
                ? "The picture is taken outdoors. " + Vocab.SCENERY.get(bg) + " The open sky shows that the objects are outside."
                : "The picture is taken indoors. " + Vocab.SCENERY.get(bg) + " There is no sky or weather visible, which suggests a room."));
        SceneObject largest = null;
        boolean unique = true;
        for (SceneObject o : objs) {
            if (largest == null || Vocab.sizeRank(o.size()) > Vocab.sizeRank(largest.size())) {
                largest = o;
                unique = true;
            } else if (Vocab.sizeRank(o.size()) == Vocab.sizeRank(largest.size())) {
                unique = false;
            }
        }
        if (n >= 2 && unique) {
            Np np = describe(largest, Set.of(COLOR));
            if (np != null) {
                int others = n - 1;
                out.add(reason("Which object is the largest, and what color is it?", "The largest object is the " + np.text()
                        + ". The " + np.text() + " is " + largest.color() + ". The other " + (others == 1 ? "object is" : Vocab.numberWord(others) + " objects are")
                        + " smaller. That is why the " + np.text() + " stands out as the biggest shape in the image."));
            }
        }
        if (n >= 2) {
            String c = anyObject().color();
            int k = new Np(null, null, c, null, true).count(s);
            int m = n - k;
            String have = k == 1 ? "There is one " + c + " object in the image." : "There are " + Vocab.numberWord(k) + " " + c + " objects in the image.";
            String remain = m == 0 ? "no objects would remain" : m == 1 ? "one object would remain" : Vocab.numberWord(m) + " objects would remain";
            out.add(reason("If you removed all the " + c + " objects, how many objects would remain? Explain.",
                    "There are " + Vocab.numberWord(n) + " objects in the image. " + have + " If you removed all the " + c
                            + " objects, " + remain + ". Removing objects of a single color does not change the others."));
        }
        Map<String, Integer> colors = new LinkedHashMap<>();
        for (SceneObject o : objs) {
            colors.merge(o.color(), 1, Integer::sum);
        }
        String mode = null;
        int best = 0;
        boolean tie = false;
        for (Map.Entry<String, Integer> e : colors.entrySet()) {
            if (e.getValue() > best) {
                best = e.getValue();
                mode = e.getKey();
                tie = false;
            } else if (e.getValue() == best) {
                tie = true;
            }
        }
        if (best >= 2 && !tie) {
            out.add(reason("What is the most common color among the objects? Explain.", "The most common color is " + mode
                    + ". There are " + Vocab.numberWord(best) + " " + mode + " objects in the image. No other color appears that often."));
        }
        return out;
    }

    private static Qa reason(String q, String a) {
        return new Qa(Category.REASONING, q, null, a, null);
    }

    // ---------------------------------------------------------------- kinds the builder drops

    /** A multiple-choice question: the stem with A-D options drawn from the difficulty's values, and the letter of the right one. */
    String[] multipleChoice() {
        for (int t = 0; t < 6; t++) {
            Qa base = switch (r.nextInt(4)) {
                case 0 -> color();
                case 1 -> size();
                case 2 -> counting();
                default -> object();
            };
            if (base == null || base.shortAnswer() == null) {
                continue;
            }
            String right = base.shortAnswer();
            List<String> pool = new ArrayList<>();
            if (base.question().startsWith("Which is")) {
                continue;
            }
            if (right.chars().allMatch(Character::isDigit)) {
                for (int i = 0; i <= 7; i++) {
                    pool.add(Integer.toString(i));
                }
            } else {
                for (List<String> vocab : List.of(difficulty.colors, difficulty.sizes, difficulty.shapes, difficulty.patterns)) {
                    if (vocab.contains(right.toLowerCase(java.util.Locale.ROOT))) {
                        for (String v : vocab) {
                            pool.add(Vocab.cap(v));
                        }
                    }
                }
            }
            pool.remove(right);
            if (pool.size() < 2) {
                continue;
            }
            List<String> options = new ArrayList<>();
            int nOpt = Math.min(4, pool.size() + 1);
            while (options.size() < nOpt - 1) {
                options.add(pool.remove(r.nextInt(pool.size())));
            }
            int at = r.nextInt(nOpt);
            options.add(at, right);
            StringBuilder b = new StringBuilder(base.question());
            for (int i = 0; i < options.size(); i++) {
                b.append('\n').append((char) ('A' + i)).append(". ").append(options.get(i));
            }
            return new String[] {b.toString(), String.valueOf((char) ('A' + at))};
        }
        return null;
    }

    /** A referring phrase and the object's box, for bounding-box prediction. */
    String[] bbox() {
        SceneObject o = anyObject();
        Np np = describe(o, Set.of());
        if (np == null) {
            np = Np.of(o);
        }
        return new String[] {np.text(), o.boxText()};
    }
}
