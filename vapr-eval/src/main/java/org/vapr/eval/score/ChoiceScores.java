package org.vapr.eval.score;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multiple-choice scores: plain accuracy plus per-category accuracy, and each benchmark's official aggregate.
 */
public final class ChoiceScores implements ScoreDefinition {

    /** The aggregate a benchmark reports. */
    public enum Aggregate {
        /** Plain accuracy over all items (SEED-I, MMMU instance-weighted over subjects, MathVista MC). */
        ACCURACY,
        /** CV-Bench: ½·((acc_ADE20K + acc_COCO)/2 + acc_Omni3D), sources from the item category. */
        CV_BENCH,
        /** MMStar: the mean of the subcategory (l2_category) accuracies. */
        SUBCATEGORY_MACRO
    }

    private final Aggregate aggregate;
    private final String categoryLabel;

    /**
     * @param aggregate     the headline aggregate
     * @param categoryLabel the prefix of per-category scores ({@code type}, {@code source}, {@code subject}, …)
     */
    public ChoiceScores(Aggregate aggregate, String categoryLabel) {
        this.aggregate = aggregate;
        this.categoryLabel = categoryLabel;
    }

    @Override
    public LinkedHashMap<String, Double> compute(List<List<ScoredItem>> units) {
        long n = 0;
        long correct = 0;
        Map<String, long[]> byCategory = new java.util.TreeMap<>();
        Map<String, long[]> bySub = new java.util.TreeMap<>();
        for (List<ScoredItem> unit : units) {
            for (ScoredItem it : unit) {
                n++;
                correct += it.correct() ? 1 : 0;
                if (it.category() != null) {
                    long[] c = byCategory.computeIfAbsent(it.category(), k -> new long[2]);
                    c[0]++;
                    c[1] += it.correct() ? 1 : 0;
                }
                if (it.subcategory() != null) {
                    long[] c = bySub.computeIfAbsent(it.subcategory(), k -> new long[2]);
                    c[0]++;
                    c[1] += it.correct() ? 1 : 0;
                }
            }
        }
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        if (n == 0) {
            return out;
        }
        switch (aggregate) {
            case CV_BENCH -> {
                Double ade = accuracy(byCategory.get("ADE20K"));
                Double coco = accuracy(byCategory.get("COCO"));
                Double omni = accuracy(byCategory.get("Omni3D"));
                Double twoD = ade != null && coco != null ? (ade + coco) / 2 : null;
                if (twoD != null && omni != null) {
                    out.put("overall", (twoD + omni) / 2);
                }
                if (twoD != null) {
                    out.put("accuracy_2d", twoD);
                }
                if (omni != null) {
                    out.put("accuracy_3d", omni);
                }
            }
            case SUBCATEGORY_MACRO -> {
                double sum = 0;
                for (long[] c : bySub.values()) {
                    sum += accuracy(c);
                }
                if (!bySub.isEmpty()) {
                    out.put("macro", sum / bySub.size());
                }
            }
            case ACCURACY -> {
            }
        }
        out.put("accuracy", correct / (double) n);
        for (Map.Entry<String, long[]> e : byCategory.entrySet()) {
            out.put(categoryLabel + "/" + e.getKey(), accuracy(e.getValue()));
        }
        if (aggregate == Aggregate.SUBCATEGORY_MACRO) {
            for (Map.Entry<String, long[]> e : bySub.entrySet()) {
                out.put("l2/" + e.getKey(), accuracy(e.getValue()));
            }
        }
        return out;
    }

    private static Double accuracy(long[] c) {
        return c == null || c[0] == 0 ? null : c[1] / (double) c[0];
    }

    @Override
    public String primary(LinkedHashMap<String, Double> scores) {
        String preferred = switch (aggregate) {
            case CV_BENCH -> "overall";
            case SUBCATEGORY_MACRO -> "macro";
            case ACCURACY -> "accuracy";
        };
        return scores.containsKey(preferred) ? preferred : "accuracy";
    }

    @Override
    public boolean detail(String name) {
        return name.indexOf('/') >= 0;
    }

    @Override
    public String stratum(List<ScoredItem> unit) {
        ScoredItem it = unit.get(0);
        String s = aggregate == Aggregate.SUBCATEGORY_MACRO && it.subcategory() != null ? it.subcategory() : it.category();
        return s == null ? "" : s;
    }
}
