package org.vapr.world;

import java.util.ArrayList;
import java.util.List;
import org.vapr.core.Verdict;

/**
 * A noun phrase over the world's attributes, e.g. "large striped red circle" or "blue objects": each attribute
 * is either given or {@code null}; a {@code null} shape means the head is "object".
 */
record Np(String size, String pattern, String color, String shape, boolean plural) {

    static Np of(SceneObject o) {
        return new Np(o.size(), o.pattern(), o.color(), o.shape(), false);
    }

    Np singular() {
        return new Np(size, pattern, color, shape, false);
    }

    Np asPlural() {
        return new Np(size, pattern, color, shape, true);
    }

    String head() {
        String h = shape == null ? "object" : shape;
        return plural ? Vocab.plural(h) : h;
    }

    /** "large striped red circle" (no article). */
    String text() {
        StringBuilder b = new StringBuilder(32);
        if (size != null) {
            b.append(size).append(' ');
        }
        if (pattern != null) {
            b.append(pattern).append(' ');
        }
        if (color != null) {
            b.append(color).append(' ');
        }
        return b.append(head()).toString();
    }

    /** "a large striped red circle" / "an orange star". */
    String withArticle() {
        return Vocab.withArticle(text());
    }

    /** Whether the phrase describes the object; UNKNOWN only for a color word that might name the object's color. */
    Verdict test(SceneObject o) {
        if (size != null && !size.equals(o.size()) || pattern != null && !pattern.equals(o.pattern())
                || shape != null && !shape.equals(o.shape())) {
            return Verdict.FALSE;
        }
        return color == null ? Verdict.TRUE : Vocab.colorIs(o.color(), color);
    }

    /** Whether the phrase certainly describes the object. */
    boolean matches(SceneObject o) {
        return test(o) == Verdict.TRUE;
    }

    /** Whether some object of the scene is neither certainly described by the phrase nor certainly not. */
    boolean vague(Scene s) {
        for (SceneObject o : s.objects()) {
            if (test(o) == Verdict.UNKNOWN) {
                return true;
            }
        }
        return false;
    }

    List<SceneObject> select(Scene s) {
        List<SceneObject> out = new ArrayList<>(s.objects().size());
        for (SceneObject o : s.objects()) {
            if (matches(o)) {
                out.add(o);
            }
        }
        return out;
    }

    int count(Scene s) {
        int n = 0;
        for (SceneObject o : s.objects()) {
            if (matches(o)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Parses a lowercase phrase such as "large striped red circle", "medium-sized blue objects" or "star" (any
     * color word of {@link Vocab#colorWord}); {@code null} unless every word is an attribute value (each kind at
     * most once) followed by a head noun.
     */
    static Np parse(String text) {
        String t = text.trim();
        if (t.startsWith("the ")) {
            t = t.substring(4);
        }
        if (t.isEmpty()) {
            return null;
        }
        String[] w = t.split(" ");
        String head = w[w.length - 1];
        String shape;
        boolean plural;
        switch (head) {
            case "object", "shape", "thing" -> {
                shape = null;
                plural = false;
            }
            case "objects", "shapes", "things" -> {
                shape = null;
                plural = true;
            }
            default -> {
                if (Vocab.SHAPES.contains(head)) {
                    shape = head;
                    plural = false;
                } else {
                    shape = null;
                    plural = true;
                    for (String s : Vocab.SHAPES) {
                        if (Vocab.plural(s).equals(head)) {
                            shape = s;
                        }
                    }
                    if (shape == null) {
                        return null;
                    }
                }
            }
        }
        String size = null;
        String pattern = null;
        String color = null;
        for (int i = 0; i < w.length - 1; i++) {
            String m = w[i];
            String sz = Vocab.sizeWord(m);
            if (sz != null && size == null) {
                size = sz;
            } else if (Vocab.PATTERNS.contains(m) && pattern == null) {
                pattern = m;
            } else if (Vocab.colorWord(m) != null && color == null) {
                color = Vocab.colorWord(m);
            } else {
                return null;
            }
        }
        return new Np(size, pattern, color, shape, plural);
    }
}
