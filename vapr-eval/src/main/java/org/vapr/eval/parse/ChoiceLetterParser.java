package org.vapr.eval.parse;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the option letter in a multiple-choice answer, in the spirit of lmms-eval's parsers. Only the item's own
 * letters count. Rules, highest priority first (within a rule the earliest match wins):
 * <ol>
 *   <li>the whole answer, stripped of surrounding punctuation and brackets, is a letter ({@code "B"}, {@code "(b)"}, {@code "C."});</li>
 *   <li>after "answer is" / "answer:" ({@code "The answer is (C)"}; a lower-case letter only when punctuation or the
 *       end follows, so "the answer is a dog" is not A);</li>
 *   <li>at the start, followed by {@code . : )}, a space or the end ({@code "B. red"}, {@code "(B) red"}); a capital
 *       {@code A} followed by a space and a lower-case word is read as the article, not a letter;</li>
 *   <li>in brackets anywhere ({@code "... option (D) ..."});</li>
 *   <li>at the end ({@code "... is option B"});</li>
 *   <li>followed by {@code . : )} anywhere.</li>
 * </ol>
 * No match is {@code null}, which scores as wrong.
 */
public final class ChoiceLetterParser {
    private static final String PUNCT = " \t\r\n.,!?;:'\"()[]{}*";
    private static final Pattern ANSWER_IS = Pattern.compile(
            "(?i:answer)\\s*(?:(?i:is)\\s*)?:?\\s*(?:(?i:option)\\s*)?(?:\\(?([A-Z])\\)?(?![A-Za-z])|\\(?([a-z])\\)?(?=$|[.,;:!?]))");
    private static final Pattern START = Pattern.compile("^\\(?([A-Z])(?:\\)|[.:]|(?=\\s)|$)");
    private static final Pattern BRACKETED = Pattern.compile("\\(([A-Z])\\)");
    private static final Pattern END = Pattern.compile("(?<![A-Za-z])([A-Z])[.)]?$");
    private static final Pattern MARKED = Pattern.compile("(?<![A-Za-z])([A-Z])[.:)]");

    private ChoiceLetterParser() {
    }

    /** The letter the answer chooses among {@code letters}, or {@code null}. */
    public static String parse(String answer, List<String> letters) {
        String s = answer.strip();
        String bare = strip(s);
        if (bare.length() == 1) {
            String up = bare.toUpperCase(java.util.Locale.ROOT);
            if (letters.contains(up)) {
                return up;
            }
        }
        Matcher said = ANSWER_IS.matcher(s);
        while (said.find()) {
            String letter = (said.group(1) != null ? said.group(1) : said.group(2)).toUpperCase(java.util.Locale.ROOT);
            if (letters.contains(letter)) {
                return letter;
            }
        }
        String hit;
        Matcher start = START.matcher(s);
        if (start.find() && letters.contains(start.group(1)) && !article(s, start)) {
            return start.group(1);
        }
        hit = first(BRACKETED, s, letters);
        if (hit != null) {
            return hit;
        }
        String trimmed = stripEnd(s);
        Matcher end = END.matcher(trimmed);
        if (end.find() && letters.contains(end.group(1))) {
            return end.group(1);
        }
        return first(MARKED, s, letters);
    }

    private static boolean article(String s, Matcher start) {
        String letter = start.group(1);
        int after = start.end(1);
        return (letter.equals("A") || letter.equals("I")) && after + 1 < s.length() && s.charAt(after) == ' '
                && Character.isLowerCase(s.charAt(after + 1));
    }

    private static String first(Pattern p, String s, List<String> letters) {
        Matcher m = p.matcher(s);
        while (m.find()) {
            if (letters.contains(m.group(1))) {
                return m.group(1);
            }
        }
        return null;
    }

    private static String strip(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && PUNCT.indexOf(s.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && PUNCT.indexOf(s.charAt(to - 1)) >= 0) {
            to--;
        }
        return s.substring(from, to);
    }

    private static String stripEnd(String s) {
        int to = s.length();
        while (to > 0 && " \t\r\n!?;:'\"*".indexOf(s.charAt(to - 1)) >= 0) {
            to--;
        }
        return s.substring(0, to);
    }
}
