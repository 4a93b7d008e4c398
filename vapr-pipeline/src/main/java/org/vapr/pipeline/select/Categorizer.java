package org.vapr.pipeline.select;

import java.util.function.Consumer;
import org.vapr.core.Category;

/**
 * Assigns one of the ten task categories to a kept turn by the ordered rules of a {@link RuleSet} (first
 * match wins); a turn that matches no rule is dropped as {@code uncategorized}.
 */
public final class Categorizer {
    /** Drop reason of turns no rule matches. */
    public static final String UNCATEGORIZED = "uncategorized";

    private final RuleSet rules;

    public Categorizer(RuleSet rules) {
        this.rules = rules;
    }

    /** The category of a turn, or {@code null}. */
    public Category categoryOf(Turn t) {
        return rules.categorize(t.prompt(), t.answer(), t.image());
    }

    /** Categorizes one turn. */
    public void apply(Turn t, Consumer<Candidate> kept, Consumer<Drop> dropped) {
        Category c = categoryOf(t);
        if (c == null) {
            dropped.accept(new Drop(t.sourceId(), t.turn(), UNCATEGORIZED, null));
        } else {
            kept.accept(new Candidate(t.sourceId(), t.turn(), t.image(), c.id(), t.prompt(), t.answer()));
        }
    }
}
