package org.vapr.eval.score;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores of world-qa (questions about a synthetic world's held-out scenes): {@code accuracy} (an answer is right
 * when the world's oracle finds it true, or, when the oracle cannot decide, when it matches the gold answer
 * exactly), {@code exact_match} (normalized answer equals the normalized gold), {@code oracle_decided} (share the
 * oracle could judge), {@code yes_ratio} (share of "yes" among the answers to yes/no questions) next to
 * {@code gold_yes_ratio}, and {@code category/<id>} accuracy per task category (existence, counting, color, …).
 */
public final class WorldQaScores implements ScoreDefinition {

    /** Lower case, {@code <image>} and final punctuation removed, inner whitespace collapsed. */
    public static String normalize(String answer) {
        if (answer == null) {
            return null;
        }
        String s = answer.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        while (!s.isEmpty() && ".!?,;:".indexOf(s.charAt(s.length() - 1)) >= 0) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /** Whether a gold answer is a yes/no answer. */
    public static boolean yesNo(String gold) {
        String g = normalize(gold);
        return "yes".equals(g) || "no".equals(g);
    }

    /** Whether the parsed answer equals the gold one after {@link #normalize}. */
    public static boolean exact(ScoredItem it) {
        return it.parsed() != null && it.parsed().equals(normalize(it.gold()));
    }

    @Override
    public LinkedHashMap<String, Double> compute(List<List<ScoredItem>> units) {
        long n = 0;
        long correct = 0;
        long exact = 0;
        long decided = 0;
        long yesNo = 0;
        long predictedYes = 0;
        long goldYes = 0;
        Map<String, long[]> byCategory = new TreeMap<>();
        for (List<ScoredItem> unit : units) {
            for (ScoredItem it : unit) {
                n++;
                correct += it.correct() ? 1 : 0;
                exact += exact(it) ? 1 : 0;
                decided += "true".equals(it.verdict()) || "false".equals(it.verdict()) ? 1 : 0;
                if (yesNo(it.gold())) {
                    yesNo++;
                    predictedYes += "yes".equals(it.parsed()) ? 1 : 0;
                    goldYes += "yes".equals(normalize(it.gold())) ? 1 : 0;
                }
                long[] c = byCategory.computeIfAbsent(it.category() == null ? "unlabeled" : it.category(), k -> new long[2]);
                c[0]++;
                c[1] += it.correct() ? 1 : 0;
            }
        }
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        if (n == 0) {
            return out;
        }
        out.put("accuracy", correct / (double) n);
        out.put("exact_match", exact / (double) n);
        out.put("oracle_decided", decided / (double) n);
        if (yesNo > 0) {
            out.put("yes_ratio", predictedYes / (double) yesNo);
            out.put("gold_yes_ratio", goldYes / (double) yesNo);
        }
        byCategory.forEach((k, c) -> out.put("category/" + k, c[1] / (double) c[0]));
        return out;
    }

    @Override
    public String primary(LinkedHashMap<String, Double> scores) {
        return "accuracy";
    }

    @Override
    public boolean detail(String name) {
        return name.indexOf('/') >= 0;
    }

    @Override
    public String stratum(List<ScoredItem> unit) {
        String c = unit.get(0).category();
        return c == null ? "" : c;
    }
}
