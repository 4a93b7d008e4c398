package org.vapr.core.text;

import java.util.List;

/**
 * Word-level Levenshtein distance: the least number of whole-word insertions, deletions and substitutions
 * (cost 1 each) that turn one token list into another. Tokens compare exactly (case-sensitive).
 */
public final class WordLevenshtein {
    private WordLevenshtein() {
    }

    /** Distance between the word tokens of two texts (see {@link WordTokens}). */
    public static int distance(String a, String b) {
        return distance(WordTokens.of(a), WordTokens.of(b));
    }

    public static int distance(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        if (n == 0) {
            return m;
        }
        if (m == 0) {
            return n;
        }
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            String ai = a.get(i - 1);
            for (int j = 1; j <= m; j++) {
                int sub = prev[j - 1] + (ai.equals(b.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }
}
