package org.vapr.analysis.stats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Word-level Levenshtein distance on token lists, equal to {@code org.vapr.core.text.WordLevenshtein} but faster for
 * preference pairs: the common prefix and suffix are cut first (a hard negative differs in one span) and words
 * compare as ints.
 */
final class WordDistance {
    private WordDistance() {
    }

    static int of(List<String> a, List<String> b) {
        int start = 0;
        int endA = a.size();
        int endB = b.size();
        while (start < endA && start < endB && a.get(start).equals(b.get(start))) {
            start++;
        }
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        int n = endA - start;
        int m = endB - start;
        if (n == 0 || m == 0) {
            return n + m;
        }
        Map<String, Integer> ids = new HashMap<>();
        int[] x = new int[n];
        int[] y = new int[m];
        for (int i = 0; i < n; i++) {
            x[i] = ids.computeIfAbsent(a.get(start + i), k -> ids.size());
        }
        for (int j = 0; j < m; j++) {
            y[j] = ids.computeIfAbsent(b.get(start + j), k -> ids.size());
        }
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int xi = x[i - 1];
            for (int j = 1; j <= m; j++) {
                int sub = prev[j - 1] + (xi == y[j - 1] ? 0 : 1);
                int del = prev[j] + 1;
                int ins = cur[j - 1] + 1;
                cur[j] = Math.min(sub, Math.min(del, ins));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }
}
