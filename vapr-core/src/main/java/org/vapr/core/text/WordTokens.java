package org.vapr.core.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into words as the bias statistics count them: on whitespace, with every punctuation mark
 * split off as its own token ("Yes, there are 3 cats." gives Yes , there are 3 cats .). Letters, digits and
 * underscores form words; an apostrophe between letters stays inside the word ("don't"); combining marks stay
 * with the character they modify.
 */
public final class WordTokens {
    private WordTokens() {
    }

    public static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                i += len;
                continue;
            }
            if (isWordChar(cp)) {
                int j = i;
                while (j < n) {
                    int c = text.codePointAt(j);
                    if (isWordChar(c) || isMark(c)) {
                        j += Character.charCount(c);
                    } else if ((c == '\'' || c == '\u2019') && j + 1 < n && isWordChar(text.codePointAt(j + 1)) && j > i) {
                        j += 1;
                    } else {
                        break;
                    }
                }
                out.add(text.substring(i, j));
                i = j;
            } else {
                int j = i + len;
                while (j < n && isMark(text.codePointAt(j))) { // e.g. the emoji variation selector in "❤️"
                    j += Character.charCount(text.codePointAt(j));
                }
                out.add(text.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    /** Number of word tokens. */
    public static int count(String text) {
        return of(text).size();
    }

    /**
     * Combining marks (accents in decomposed text, vowel signs of Indic scripts, variation selectors) and emoji
     * skin-tone modifiers: they stay with the character before them (a mark with nothing before it is its own token).
     */
    static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK || (cp >= 0x1F3FB && cp <= 0x1F3FF);
    }

    static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_';
    }
}
