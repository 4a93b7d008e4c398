package org.vapr.pipeline.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vapr.core.AnswerVerifier;
import org.vapr.core.Category;
import org.vapr.core.Verdict;
import org.vapr.core.record.Span;

/**
 * The POVID-style baseline editor of the paper's comparison (§2.2, §6.4): the rejected answer is the chosen one with
 * an injected hallucination — the rule editor's attribute change (a color, number, relation, object… or a flipped
 * yes/no) — and one or two appended sentences asserting objects that are not in the image ("There is also a small
 * green star next to it."), so it is longer than the chosen answer and differs from it in style as well as content.
 * Its proposals skip the VaPR distance and length bounds ({@link Checks#UNBOUNDED}); the oracle still applies.
 * With a verifier (the world's oracle) an appended object whose color and shape the image does have is drawn again.
 * Deterministic for a request's seed.
 */
public final class PovidStyleEditor implements Editor {
    /** Name recorded in {@code edit.editor} and accepted by {@code --editor}. */
    public static final String NAME = "povid-style";
    /** Rule-set name recorded in {@code edit.model}. */
    public static final String MODEL = "povid-style-rules-1";

    private static final List<String> SIZES = List.of("small", "large", "tiny", "big");
    private static final List<String> PLACES = List.of("next to it", "in the upper left corner",
            "near the center of the image", "at the bottom of the image", "in the background",
            "on the right side of the image", "close to the edge");
    private static final int DRAWS = 8;

    private final RuleEditor attributes = new RuleEditor();
    private final AnswerVerifier absence;

    /** An editor without ground truth: appended objects are drawn at random. */
    public PovidStyleEditor() {
        this(AnswerVerifier.NONE);
    }

    /** @param groundTruth checks that an appended object's color and shape are absent from the image */
    public PovidStyleEditor(AnswerVerifier groundTruth) {
        this.absence = groundTruth == null ? AnswerVerifier.NONE : groundTruth;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public Checks checks() {
        return Checks.UNBOUNDED;
    }

    @Override
    public EditProposal propose(EditRequest r) {
        EditProposal base = attributes.propose(r);
        String text = base.ok() ? base.rejected() : r.chosen();
        List<Span> spans = new ArrayList<>(base.ok() ? base.spans() : List.of());
        SplittableRandom rng = new SplittableRandom(r.seed() ^ 0x6A09E667F3BCC909L);
        StringBuilder b = new StringBuilder(text.stripTrailing());
        if (b.length() > 0 && ".!?".indexOf(b.charAt(b.length() - 1)) < 0) {
            b.append('.');
        }
        int sentences = 1 + rng.nextInt(2);
        for (int i = 0; i < sentences; i++) {
            b.append(' ');
            int from = b.length();
            b.append(hallucination(r.image(), rng, i == 0));
            spans.add(new Span(from, b.length()));
        }
        return EditProposal.of(b.toString(), spans, base.ok() ? base.values() : List.of());
    }

    /** One sentence asserting an object (size, color, maybe pattern, shape) the image lacks, where that is known. */
    private String hallucination(String image, SplittableRandom rng, boolean first) {
        String color = null;
        String shape = null;
        for (int d = 0; d < DRAWS; d++) {
            color = Vocabulary.COLORS.get(rng.nextInt(Vocabulary.COLORS.size()));
            shape = Vocabulary.SHAPES.get(rng.nextInt(Vocabulary.SHAPES.size()));
            String thing = color + " " + shape;
            Verdict v = absence.verify(image, Category.EXISTENCE, "Is there a " + thing + " in the image?",
                    "Yes, there is " + Inflection.article(color) + " " + thing + " in the image.");
            if (v != Verdict.TRUE) {
                break;
            }
        }
        String size = SIZES.get(rng.nextInt(SIZES.size()));
        String pattern = rng.nextInt(3) == 0 ? Vocabulary.PATTERNS.get(rng.nextInt(Vocabulary.PATTERNS.size())) + " " : "";
        String object = size + " " + color + " " + pattern + shape;
        String place = PLACES.get(rng.nextInt(PLACES.size()));
        return switch (rng.nextInt(first ? 3 : 2)) {
            case 0 -> "There is also " + Inflection.article(size) + " " + object + " " + place + ".";
            case 1 -> capitalised(Inflection.article(size)) + " " + object + " can also be seen " + place + ".";
            default -> "In addition, " + Inflection.article(size) + " " + object + " appears " + place + ".";
        };
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
