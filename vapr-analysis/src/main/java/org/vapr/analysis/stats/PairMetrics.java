package org.vapr.analysis.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vapr.analysis.PreferenceSample;
import org.vapr.core.text.WordTokens;

/**
 * The measurements of one pair.
 *
 * @param wordDistance   word-level Levenshtein distance between chosen and rejected (REFERENCE.md)
 * @param chosenWords    word tokens of the chosen response
 * @param rejectedWords  word tokens of the rejected response
 * @param chosenTokens   tokenizer tokens of the chosen response
 * @param rejectedTokens tokenizer tokens of the rejected response
 * @param exactDuplicate chosen equals rejected after normalisation (see {@link #normalizedWords(String)})
 * @param nearDuplicate  not exact, and normalized word similarity ≥ {@value #NEAR_SIMILARITY}
 * @param oneWordApart   not exact, and the normalized words differ by exactly one edit
 * @param category       the pair's category, or {@code null}
 */
public record PairMetrics(int wordDistance, int chosenWords, int rejectedWords, int chosenTokens, int rejectedTokens,
                          boolean exactDuplicate, boolean nearDuplicate, boolean oneWordApart, String category) {

    /**
     * Similarity threshold of a near duplicate: {@code 1 - d / max(n, m)} over normalized words, where {@code d} is
     * their word Levenshtein distance and {@code n, m} their counts.
     */
    public static final double NEAR_SIMILARITY = 0.95;

    /** Token-length delta, chosen − rejected. */
    public int tokenDelta() {
        return chosenTokens - rejectedTokens;
    }

    /** Measures one pair. */
    public static PairMetrics measure(PreferenceSample s, TokenCounter tokens) {
        return words(s).withTokens(tokens);
    }

    /** The word measurements of one pair, which need no tokenizer; {@link Words#withTokens} completes them. */
    public static Words words(PreferenceSample s) {
        List<String> wc = WordTokens.of(s.chosen());
        List<String> wr = WordTokens.of(s.rejected());
        int d = WordDistance.of(wc, wr);
        List<String> nc = normalize(wc);
        List<String> nr = normalize(wr);
        boolean exact = nc.equals(nr);
        int dn = exact ? 0 : WordDistance.of(nc, nr);
        int longest = Math.max(nc.size(), nr.size());
        boolean near = !exact && longest > 0 && dn <= (1.0 - NEAR_SIMILARITY) * longest + 1e-9;
        return new Words(d, wc.size(), wr.size(), exact, near, !exact && dn == 1, s.category(), s.chosen(), s.rejected());
    }

    /** A pair measured but for its tokenizer tokens: the word fields of {@link PairMetrics} and the two responses. */
    public record Words(int wordDistance, int chosenWords, int rejectedWords, boolean exactDuplicate,
                        boolean nearDuplicate, boolean oneWordApart, String category, String chosen, String rejected) {
        /** The complete measurements, counting the responses' tokens with {@code tokens}. */
        public PairMetrics withTokens(TokenCounter tokens) {
            return new PairMetrics(wordDistance, chosenWords, rejectedWords, tokens.count(chosen), tokens.count(rejected),
                    exactDuplicate, nearDuplicate, oneWordApart, category);
        }
    }

    /**
     * The normalisation of duplicate detection: word tokens ({@link WordTokens}) without punctuation tokens, lower-cased
     * (so case, whitespace and punctuation do not count).
     */
    public static List<String> normalizedWords(String text) {
        return normalize(WordTokens.of(text));
    }

    private static List<String> normalize(List<String> words) {
        List<String> out = new ArrayList<>(words.size());
        for (String w : words) {
            int cp = w.codePointAt(0);
            if (Character.isLetterOrDigit(cp) || cp == '_') {
                out.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
