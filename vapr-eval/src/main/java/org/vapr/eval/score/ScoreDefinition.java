package org.vapr.eval.score;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * How one benchmark turns scored items into its scores. Items come in resampling units: single items, or
 * NaturalBench's groups of four (a group is resampled whole). All scores are fractions in [0, 1].
 */
public interface ScoreDefinition {

    /** The named scores of these units, in report order; a score that is undefined for them is left out. */
    LinkedHashMap<String, Double> compute(List<List<ScoredItem>> units);

    /** The headline score among {@code scores}. */
    String primary(LinkedHashMap<String, Double> scores);

    /** Whether a score is a per-category detail (listed in JSON, shown in the table only when there are few). */
    boolean detail(String name);

    /** The stratum a unit is resampled within, so that every split or category keeps its size. */
    default String stratum(List<ScoredItem> unit) {
        String c = unit.get(0).split() != null ? unit.get(0).split() : unit.get(0).category();
        return c == null ? "" : c;
    }
}
