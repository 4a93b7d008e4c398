package org.vapr.pipeline.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vapr.core.AnswerVerifier;
import org.vapr.core.Category;
import org.vapr.core.Verdict;
import org.vapr.core.record.Span;
import org.vapr.core.text.WordLevenshtein;
import org.vapr.core.text.WordTokens;

/**
 * Checks a proposed rejected answer, for any {@link Editor}: it must differ from chosen after normalising case,
 * whitespace and punctuation ({@code edit_identical}), report changed spans inside the text
 * ({@code edit_no_span}), stay within the word-Levenshtein and token-length bounds ({@code edit_too_far},
 * {@code edit_length}), change what its category is about ({@code edit_category_check}: counting a number,
 * color a color word, spatial a relation, size a size word, existence the polarity — a yes/no polarity flip
 * also passes the attribute categories — and the other categories a content word), and, when a verifier is
 * given, must not be TRUE of the image ({@code oracle_true}). An editor's {@link Editor#checks()} can drop the
 * bounds ({@link Editor.Checks#UNBOUNDED}) or every check ({@link Editor.Checks#NONE}).
 */
public final class Validator {
    /** Drop reasons. */
    public static final String NO_SPAN = "edit_no_span";
    public static final String IDENTICAL = "edit_identical";
    public static final String TOO_FAR = "edit_too_far";
    public static final String LENGTH = "edit_length";
    public static final String CATEGORY = "edit_category_check";
    public static final String ORACLE_TRUE = "oracle_true";

    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])(\\d+(?:\\.\\d+)?|"
            + String.join("|", Vocabulary.NUMBER_WORDS) + ")(?!\\w)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LEAD = Pattern.compile("^\\s*(yes|no)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATION = Pattern.compile("\\b(not|no|cannot|never|none|nothing|nobody)\\b|n't\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> STOPWORDS = Set.of("a", "an", "the", "is", "are", "was", "were", "of", "and", "or",
            "in", "on", "at", "to", "it", "this", "that", "there", "with", "for", "be", "as", "by");

    private final ValidationBounds bounds;
    private final AnswerVerifier verifier;
    private final Editor.Checks checks;

    /**
     * @param bounds   distance and length bounds
     * @param verifier ground truth, or {@code null} / {@link AnswerVerifier#NONE} when there is none
     */
    public Validator(ValidationBounds bounds, AnswerVerifier verifier) {
        this(bounds, verifier, Editor.Checks.VAPR);
    }

    /**
     * @param bounds   distance and length bounds (ignored unless {@code checks} is {@link Editor.Checks#VAPR})
     * @param verifier ground truth, or {@code null} / {@link AnswerVerifier#NONE} when there is none
     * @param checks   which checks apply (see {@link Editor#checks()}); the chosen answer is verified in every regime
     */
    public Validator(ValidationBounds bounds, AnswerVerifier verifier, Editor.Checks checks) {
        this.bounds = bounds;
        this.verifier = verifier == null ? AnswerVerifier.NONE : verifier;
        this.checks = java.util.Objects.requireNonNull(checks);
    }

    /**
     * The outcome of validating one proposal.
     *
     * @param reason           drop reason, {@code null} when accepted
     * @param wordEditDistance word-level Levenshtein distance chosen → rejected
     * @param tokenLengthDelta tokens(chosen) − tokens(rejected)
     * @param verdict          the verifier's verdict on the rejected answer ({@code UNKNOWN} without one)
     */
    public record Outcome(String reason, int wordEditDistance, int tokenLengthDelta, Verdict verdict) {
        public boolean accepted() {
            return reason == null;
        }
    }

    /** The verifier's verdict on the chosen answer (should be TRUE). */
    public Verdict verifyChosen(String image, Category c, String prompt, String chosen) {
        return verifier.verify(image, c, prompt, chosen);
    }

    /** Validates a proposal for a pair. */
    public Outcome check(String image, Category c, String prompt, String chosen, EditProposal p) {
        if (p == null || !p.ok()) {
            return new Outcome(NO_SPAN, 0, 0, Verdict.UNKNOWN);
        }
        String rejected = p.rejected();
        if (checks == Editor.Checks.NONE) {
            return new Outcome(null, WordLevenshtein.distance(chosen, rejected),
                    TokenCounter.count(chosen) - TokenCounter.count(rejected), Verdict.UNKNOWN);
        }
        if (normalise(chosen).equals(normalise(rejected))) {
            return new Outcome(IDENTICAL, 0, 0, Verdict.UNKNOWN);
        }
        if (p.spans().isEmpty()) {
            return new Outcome(NO_SPAN, 0, 0, Verdict.UNKNOWN);
        }
        for (Span s : p.spans()) {
            if (s.to() > rejected.length()) {
                return new Outcome(NO_SPAN, 0, 0, Verdict.UNKNOWN);
            }
        }
        int dist = WordLevenshtein.distance(chosen, rejected);
        int delta = TokenCounter.count(chosen) - TokenCounter.count(rejected);
        boolean bounded = checks == Editor.Checks.VAPR;
        if (bounded && dist > bounds.maxWordEdits(c)) {
            return new Outcome(TOO_FAR, dist, delta, Verdict.UNKNOWN);
        }
        if (bounded && Math.abs(delta) > bounds.maxTokenDelta(c)) {
            return new Outcome(LENGTH, dist, delta, Verdict.UNKNOWN);
        }
        if (!categoryCheck(c, chosen, rejected)) {
            return new Outcome(CATEGORY, dist, delta, Verdict.UNKNOWN);
        }
        Verdict v = verifier.verify(image, c, prompt, rejected);
        if (v == null) {
            v = Verdict.UNKNOWN;
        }
        if (v == Verdict.TRUE) {
            return new Outcome(ORACLE_TRUE, dist, delta, v);
        }
        return new Outcome(null, dist, delta, v);
    }

    /** Lowercase, punctuation removed, whitespace collapsed. */
    static String normalise(String s) {
        return SPACES.matcher(PUNCT.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ")).replaceAll(" ").strip();
    }

    private static final Pattern PUNCT = Pattern.compile("[\\p{Punct}\\p{IsPunctuation}]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    static boolean categoryCheck(Category c, String chosen, String rejected) {
        boolean polarity = polarityFlipped(chosen, rejected);
        return switch (c) {
            case COUNTING -> polarity || !numbers(chosen).equals(numbers(rejected));
            case COLOR -> polarity || !Vocabulary.keys(chosen, Vocabulary.Kind.COLOR).equals(Vocabulary.keys(rejected, Vocabulary.Kind.COLOR));
            case SPATIAL -> polarity || !Vocabulary.keys(chosen, Vocabulary.Kind.SPATIAL).equals(Vocabulary.keys(rejected, Vocabulary.Kind.SPATIAL));
            case SIZE -> polarity || !Vocabulary.keys(chosen, Vocabulary.Kind.SIZE).equals(Vocabulary.keys(rejected, Vocabulary.Kind.SIZE));
            case EXISTENCE -> polarity;
            default -> polarity || !contentWords(chosen).equals(contentWords(rejected));
        };
    }

    static boolean polarityFlipped(String a, String b) {
        Matcher ma = LEAD.matcher(a);
        Matcher mb = LEAD.matcher(b);
        if (ma.find() && mb.find() && !ma.group(1).equalsIgnoreCase(mb.group(1))) {
            return true;
        }
        return count(NEGATION, a) != count(NEGATION, b);
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static List<Integer> numbers(String s) {
        List<Integer> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(s);
        while (m.find()) {
            String t = m.group(1);
            int v = Vocabulary.numberValue(t);
            out.add(v >= 0 ? v : (int) Math.round(Double.parseDouble(t) * 1000));
        }
        return out;
    }

    private static List<String> contentWords(String s) {
        List<String> out = new ArrayList<>();
        for (String w : WordTokens.of(s.toLowerCase(Locale.ROOT))) {
            if (Character.isLetterOrDigit(w.codePointAt(0)) && !STOPWORDS.contains(w)) {
                out.add(w);
            }
        }
        out.sort(null);
        return out;
    }
}
