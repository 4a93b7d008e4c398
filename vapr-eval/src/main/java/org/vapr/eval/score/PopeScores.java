package org.vapr.eval.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * POPE's scores per split and averaged over splits: accuracy, precision = TP/(TP+FP), recall = TP/(TP+FN),
 * F1 and yes-ratio = predicted yes / N, with "yes" the positive class. An answer that is neither yes nor no
 * (lmms-eval parser, or a missing prediction) is wrong and not a positive: a false negative when the gold is yes.
 * Precision, recall or F1 with a zero denominator are 0. The average is the plain mean over the splits present.
 */
public final class PopeScores implements ScoreDefinition {
    private static final List<String> METRICS = List.of("accuracy", "precision", "recall", "f1", "yes_ratio");

    @Override
    public LinkedHashMap<String, Double> compute(List<List<ScoredItem>> units) {
        Map<String, long[]> bySplit = new LinkedHashMap<>();
        for (String s : org.vapr.eval.data.PopeFile.SPLITS) {
            bySplit.put(s, null);
        }
        for (List<ScoredItem> unit : units) {
            for (ScoredItem it : unit) {
                long[] c = bySplit.get(it.split());
                if (c == null) {
                    c = new long[6];
                    bySplit.put(it.split(), c);
                }
                boolean goldYes = it.gold().equals("yes");
                boolean predYes = "yes".equals(it.parsed());
                boolean predNo = "no".equals(it.parsed());
                c[0]++;
                if (predYes && goldYes) {
                    c[1]++;
                } else if (predYes) {
                    c[2]++;
                } else if (predNo && !goldYes) {
                    c[3]++;
                }
                if (predYes) {
                    c[4]++;
                }
                if (goldYes) {
                    c[5]++;
                }
            }
        }
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        List<double[]> perSplit = new ArrayList<>();
        for (Map.Entry<String, long[]> e : bySplit.entrySet()) {
            long[] c = e.getValue();
            if (c == null) {
                continue;
            }
            long n = c[0];
            long tp = c[1];
            long fp = c[2];
            long tn = c[3];
            long fn = c[5] - tp;
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            double[] v = {(double) (tp + tn) / n, precision, recall, f1, (double) c[4] / n};
            perSplit.add(v);
            for (int i = 0; i < METRICS.size(); i++) {
                out.put(e.getKey() + "/" + METRICS.get(i), v[i]);
            }
        }
        for (int i = 0; i < METRICS.size(); i++) {
            double sum = 0;
            for (double[] v : perSplit) {
                sum += v[i];
            }
            if (!perSplit.isEmpty()) {
                out.put("average/" + METRICS.get(i), sum / perSplit.size());
            }
        }
        return out;
    }

    @Override
    public String primary(LinkedHashMap<String, Double> scores) {
        return "average/f1";
    }

    @Override
    public boolean detail(String name) {
        return false;
    }
}
