package org.vapr.world;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vapr.core.Category;

/** Test-side minimal edits that make a gold answer false: one number, color, size, shape, pattern, relation or yes/no. */
final class Corruptor {
    private static final Pattern NUMBER = Pattern.compile("\\b(\\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|no)\\b");
    private static final List<String> WORDS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight");

    private Corruptor() {
    }

    /** A false variant of the gold answer, or null when no rule applies. */
    static String corrupt(Category c, String question, String answer) {
        String q = question.toLowerCase(Locale.ROOT);
        String flipped = flipYesNo(answer);
        if (flipped != null) {
            return flipped;
        }
        return switch (c) {
            case COUNTING -> number(answer, true);
            case COLOR -> swapLast(answer, Vocab.COLORS);
            case SIZE -> {
                Matcher m = Pattern.compile("which is \\w+, the (.+) or the (.+)\\?").matcher(q);
                if (m.find() && !answer.contains(" than ")) {
                    String a = m.group(1);
                    yield Vocab.cap(answer.toLowerCase(Locale.ROOT).equals(a) ? m.group(2) : a);
                }
                if (answer.contains(" than ")) {
                    yield answer.contains("smaller") ? answer.replace("smaller", "bigger")
                            : answer.replace("bigger", "smaller").replace("larger", "smaller");
                }
                yield swapLast(answer.replace("medium-sized", "medium"), Vocab.SIZES);
            }
            case OBJECT -> q.contains("pattern") ? swapLast(answer, Vocab.PATTERNS) : swapLast(answer, Vocab.SHAPES);
            case BACKGROUND -> background(answer);
            case SPATIAL -> relation(answer);
            case REFERENTIAL -> {
                String r = swapLast(answer, Vocab.COLORS);
                yield r != null ? r : swapLast(answer, Vocab.SHAPES);
            }
            case CAPTIONING -> {
                if (q.contains("one-sentence")) {
                    yield setting(answer);
                }
                yield number(answer, false);
            }
            case REASONING -> {
                String first = answer.substring(0, answer.indexOf('.') + 1);
                String b = background(first);
                if (b != null) {
                    yield b + answer.substring(first.length());
                }
                yield number(answer, false);
            }
            default -> null;
        };
    }

    static String flipYesNo(String a) {
        if (a.equals("Yes")) {
            return "No";
        }
        if (a.equals("No")) {
            return "Yes";
        }
        if (a.startsWith("Yes,")) {
            return "No," + a.substring(4);
        }
        if (a.startsWith("No,")) {
            return "Yes," + a.substring(3);
        }
        return null;
    }

    /** Replaces the first count (digit, number word, or "no") with a different one of the same form. */
    static String number(String a, boolean anyNo) {
        Matcher m = NUMBER.matcher(a);
        while (m.find()) {
            String t = m.group(1);
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.equals("no") && !anyNo && !a.substring(m.end()).startsWith(" objects")) {
                continue;
            }
            String rep;
            if (Character.isDigit(t.charAt(0))) {
                int n = Integer.parseInt(t);
                rep = Integer.toString(n == 0 ? 2 : n == 1 ? 2 : n - 1);
            } else {
                int n = lower.equals("no") ? 0 : WORDS.indexOf(lower);
                rep = WORDS.get(n <= 1 ? 2 : n - 1);
            }
            if (Character.isUpperCase(t.charAt(0))) {
                rep = Vocab.cap(rep);
            }
            return a.substring(0, m.start()) + rep + a.substring(m.end());
        }
        return null;
    }

    /** Replaces the last word of the vocabulary with the next one of it (keeping capitalisation). */
    static String swapLast(String a, List<String> vocab) {
        int bestAt = -1;
        String best = null;
        String lower = a.toLowerCase(Locale.ROOT);
        for (String v : vocab) {
            Matcher m = Pattern.compile("\\b" + v + "\\b").matcher(lower);
            while (m.find()) {
                if (m.start() > bestAt) {
                    bestAt = m.start();
                    best = v;
                }
            }
        }
        if (best == null) {
            return null;
        }
        String rep = vocab.get((vocab.indexOf(best) + 1) % vocab.size());
        if (Character.isUpperCase(a.charAt(bestAt))) {
            rep = Vocab.cap(rep);
        }
        String out = a.substring(0, bestAt) + rep + a.substring(bestAt + best.length());
        return fixArticle(out);
    }

    private static String fixArticle(String s) {
        return s.replaceAll("\\b([Aa]) ([aeiou])", "$1n $2").replaceAll("\\b([Aa])n ([^aeiou\\s])", "$1 $2");
    }

    static String background(String a) {
        String[][] swaps = {{"sunny", "snowy"}, {"cloudy", "sunny"}, {"snowy", "sunny"}, {"clear", "cloudy"},
            {"daytime", "night"}, {"Daytime", "Night"}, {"Day", "Night"}, {"night", "daytime"}, {"Night", "Day"},
            {"evening", "night"}, {"Evening", "Night"}, {"indoors", "outdoors"}, {"outdoors", "indoors"},
            {"Indoors", "Outdoors"}, {"Outdoors", "Indoors"}, {"Sunny", "Snowy"}, {"Cloudy", "Sunny"}, {"Snowy", "Sunny"},
            {"Clear", "Cloudy"}};
        for (String[] sw : swaps) {
            Matcher m = Pattern.compile("\\b" + sw[0] + "\\b").matcher(a);
            if (m.find()) {
                return a.substring(0, m.start()) + sw[1] + a.substring(m.end());
            }
        }
        return null;
    }

    static String relation(String a) {
        String[][] swaps = {{"to the left of", "to the right of"}, {"to the right of", "to the left of"}, {"above", "below"},
            {"below", "above"}, {"Left", "Right"}, {"Right", "Left"}, {"Above", "Below"}, {"Below", "Above"}};
        for (String[] sw : swaps) {
            int i = a.indexOf(sw[0]);
            if (i >= 0) {
                return a.substring(0, i) + sw[1] + a.substring(i + sw[0].length());
            }
        }
        return null;
    }

    static String setting(String a) {
        String[][] swaps = {{"on a sunny day", "at night"}, {"on a cloudy day", "at night"}, {"on a snowy day", "at night"},
            {"at night", "on a sunny day"}, {"in the evening", "at night"}, {"in an indoor room", "on a sunny day"}};
        for (String[] sw : swaps) {
            if (a.contains(sw[0])) {
                return a.replace(sw[0], sw[1]);
            }
        }
        return null;
    }
}
