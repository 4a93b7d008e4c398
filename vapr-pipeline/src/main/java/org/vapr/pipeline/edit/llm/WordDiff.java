package org.vapr.pipeline.edit.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vapr.core.record.Span;

/**
 * A word-level diff of chosen → rejected (longest common subsequence of case-folded words): the changed
 * character spans in the rejected text and the new words (lowercase), i.e. the replacement values that feed
 * the penalty lists. Used when an LLM's own spans are unusable, and always for the values.
 *
 * @param spans  changed ranges of the rejected text (a pure deletion gives an empty span at its position)
 * @param values the rejected text's words that are not in the common subsequence, lowercase, in order
 */
record WordDiff(List<Span> spans, List<String> values) {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*");

    private record Word(int from, int to, String key) {
    }

    static WordDiff of(String chosen, String rejected) {
        List<Word> a = words(chosen);
        List<Word> b = words(rejected);
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).key().equals(b.get(j).key()) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Span> spans = new ArrayList<>();
        List<String> values = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).key().equals(b.get(j).key())) {
                i++;
                j++;
                continue;
            }
            boolean deleted = false;
            int runStart = j;
            while (i < n || j < m) {
                if (i < n && j < m && a.get(i).key().equals(b.get(j).key())) {
                    break;
                }
                if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                    values.add(b.get(j).key());
                    j++;
                } else {
                    deleted = true;
                    i++;
                }
            }
            if (j > runStart) {
                spans.add(new Span(b.get(runStart).from(), b.get(j - 1).to()));
            } else if (deleted) {
                int at = j < m ? b.get(j).from() : rejected.length();
                spans.add(new Span(at, at));
            }
        }
        return new WordDiff(List.copyOf(spans), List.copyOf(values));
    }

    private static List<Word> words(String s) {
        List<Word> out = new ArrayList<>();
        Matcher m = WORD.matcher(s);
        while (m.find()) {
            out.add(new Word(m.start(), m.end(), m.group().toLowerCase(Locale.ROOT)));
        }
        return out;
    }
}
