package org.vapr.eval.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * NaturalBench's four scores over N groups, with a00…a11 the parsed answers of a group (1 = yes/A, 0 = no/B,
 * -1 = unparsable or missing) against the positional gold 1, 0, 0, 1:
 * {@code acc} = correct items / 4N; {@code q_acc} = [1(a00=1∧a01=0) + 1(a11=1∧a10=0)] / 2N;
 * {@code i_acc} = [1(a00=1∧a10=0) + 1(a11=1∧a01=0)] / 2N; {@code g_acc} = groups with all four correct / N.
 * Also {@code yes_ratio}: the share of items answered yes (or A), and, as detail scores, {@code acc} and {@code g_acc}
 * per question type ({@code yes_no/acc}, {@code multiple_choice/g_acc}, …) when the groups carry one.
 */
public final class NaturalBenchScores implements ScoreDefinition {

    @Override
    public LinkedHashMap<String, Double> compute(List<List<ScoredItem>> units) {
        LinkedHashMap<String, Double> out = overall(units);
        if (out.isEmpty()) {
            return out;
        }
        // per question type (NaturalBench's Question_Type: yes_no, multiple_choice), when the groups carry one
        Map<String, List<List<ScoredItem>>> byType = new TreeMap<>();
        for (List<ScoredItem> group : units) {
            String type = group.isEmpty() ? null : group.get(0).category();
            if (type != null && !type.isBlank()) {
                byType.computeIfAbsent(type, k -> new ArrayList<>()).add(group);
            }
        }
        for (var e : byType.entrySet()) {
            LinkedHashMap<String, Double> t = overall(e.getValue());
            out.put(e.getKey() + "/acc", t.get("acc"));
            out.put(e.getKey() + "/g_acc", t.get("g_acc"));
        }
        return out;
    }

    private static LinkedHashMap<String, Double> overall(List<List<ScoredItem>> units) {
        long correct = 0;
        long q = 0;
        long i = 0;
        long g = 0;
        long yes = 0;
        for (List<ScoredItem> group : units) {
            int a00 = value(group, "q0_i0");
            int a01 = value(group, "q0_i1");
            int a10 = value(group, "q1_i0");
            int a11 = value(group, "q1_i1");
            int c = (a00 == 1 ? 1 : 0) + (a01 == 0 ? 1 : 0) + (a10 == 0 ? 1 : 0) + (a11 == 1 ? 1 : 0);
            correct += c;
            q += (a00 == 1 && a01 == 0 ? 1 : 0) + (a11 == 1 && a10 == 0 ? 1 : 0);
            i += (a00 == 1 && a10 == 0 ? 1 : 0) + (a11 == 1 && a01 == 0 ? 1 : 0);
            g += c == 4 ? 1 : 0;
            yes += (a00 == 1 ? 1 : 0) + (a01 == 1 ? 1 : 0) + (a10 == 1 ? 1 : 0) + (a11 == 1 ? 1 : 0);
        }
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        long n = units.size();
        if (n == 0) {
            return out;
        }
        out.put("acc", correct / (4.0 * n));
        out.put("q_acc", q / (2.0 * n));
        out.put("i_acc", i / (2.0 * n));
        out.put("g_acc", g / (double) n);
        out.put("yes_ratio", yes / (4.0 * n));
        return out;
    }

    private static int value(List<ScoredItem> group, String position) {
        for (ScoredItem it : group) {
            if (position.equals(it.position())) {
                return it.parsed() == null ? -1 : Integer.parseInt(it.parsed());
            }
        }
        return -1;
    }

    @Override
    public String primary(LinkedHashMap<String, Double> scores) {
        return "g_acc";
    }

    @Override
    public boolean detail(String name) {
        return name.contains("/");
    }

    @Override
    public String stratum(List<ScoredItem> unit) {
        return "";
    }
}
