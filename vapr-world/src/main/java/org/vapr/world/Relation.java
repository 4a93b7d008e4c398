package org.vapr.world;

import java.util.Map;
import org.vapr.core.Verdict;

/**
 * Spatial relations derived from geometry with margins, so that a relation is only called true or false when
 * it is unambiguous; in between it is {@link Verdict#UNKNOWN}. Image coordinates: y grows downwards.
 */
enum Relation {
    LEFT("to the left of", "left"),
    RIGHT("to the right of", "right"),
    ABOVE("above", "above"),
    BELOW("below", "below"),
    NEXT_TO("next to", "next to"),
    FAR_FROM("far from", "far from");

    /** A relation along an axis holds when the centres differ by more than this. */
    static final double MARGIN = 0.15;
    /** ... and fails when they differ by less than this in its direction. */
    static final double SLACK = 0.02;

    final String phrase;
    final String word;

    Relation(String phrase, String word) {
        this.phrase = phrase;
        this.word = word;
    }

    Relation opposite() {
        return switch (this) {
            case LEFT -> RIGHT;
            case RIGHT -> LEFT;
            case ABOVE -> BELOW;
            case BELOW -> ABOVE;
            case NEXT_TO -> FAR_FROM;
            case FAR_FROM -> NEXT_TO;
        };
    }

    static Relation byPhrase(String phrase) {
        for (Relation r : values()) {
            if (r.phrase.equals(phrase)) {
                return r;
            }
        }
        return SYNONYMS.get(phrase);
    }

    /** Other phrasings of the relations, read with the same geometry. */
    private static final Map<String, Relation> SYNONYMS = Map.of(
            "on the left of", LEFT, "left of", LEFT, "on the right of", RIGHT, "right of", RIGHT,
            "under", BELOW, "beneath", BELOW, "underneath", BELOW,
            "beside", NEXT_TO, "far away from", FAR_FROM);

    /** A regular expression group matching every phrase {@link #byPhrase} knows, longest first. */
    static final String PHRASES = "(to the left of|to the right of|on the left of|on the right of|left of|right of|above|"
            + "below|underneath|beneath|under|next to|beside|far away from|far from)";

    /** Whether "a is [this] b". */
    Verdict holds(SceneObject a, SceneObject b) {
        return switch (this) {
            case LEFT -> axis(b.x() - a.x());
            case RIGHT -> axis(a.x() - b.x());
            case ABOVE -> axis(b.y() - a.y());
            case BELOW -> axis(a.y() - b.y());
            case NEXT_TO -> {
                double d = dist(a, b);
                if (a == b) {
                    yield Verdict.UNKNOWN;
                }
                yield gap(a, b) < 0.12 && d < 0.35 ? Verdict.TRUE : d > 0.5 ? Verdict.FALSE : Verdict.UNKNOWN;
            }
            case FAR_FROM -> {
                double d = dist(a, b);
                if (a == b) {
                    yield Verdict.UNKNOWN;
                }
                yield d > 0.55 ? Verdict.TRUE : d < 0.35 ? Verdict.FALSE : Verdict.UNKNOWN;
            }
        };
    }

    private static Verdict axis(double d) {
        return d > MARGIN ? Verdict.TRUE : d < SLACK ? Verdict.FALSE : Verdict.UNKNOWN;
    }

    static double dist(SceneObject a, SceneObject b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    /** The empty space between two boxes (largest separation along either axis). */
    static double gap(SceneObject a, SceneObject b) {
        double gx = Math.max(b.x1() - a.x2(), a.x1() - b.x2());
        double gy = Math.max(b.y1() - a.y2(), a.y1() - b.y2());
        return Math.max(gx, gy);
    }

    /** The clearest axis relation of a to b, or null when neither axis separates them by the margin. */
    static Relation dominant(SceneObject a, SceneObject b) {
        double dx = b.x() - a.x();
        double dy = b.y() - a.y();
        if (Math.abs(dx) >= Math.abs(dy) && Math.abs(dx) > MARGIN) {
            return dx > 0 ? LEFT : RIGHT;
        }
        if (Math.abs(dy) > MARGIN) {
            return dy > 0 ? ABOVE : BELOW;
        }
        if (Math.abs(dx) > MARGIN) {
            return dx > 0 ? LEFT : RIGHT;
        }
        return null;
    }
}
