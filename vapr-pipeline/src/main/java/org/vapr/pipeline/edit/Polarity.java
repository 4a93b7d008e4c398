package org.vapr.pipeline.edit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flips the polarity of a yes/no answer and keeps its clause consistent: "Yes, there is a red circle in the
 * image." ↔ "No, there is no red circle in the image."; "No, the star is not to the left of the circle." →
 * "Yes, the star is to the left of the circle."; "Yes, the star has stripes." ↔ "No, the star does not have
 * stripes."; a bare "Yes" ↔ "No". Gives up (returns {@code null}) rather than produce a contradiction.
 */
final class Polarity {
    private Polarity() {
    }

    private static final int CI = Pattern.CASE_INSENSITIVE;
    private static final Pattern LEAD = Pattern.compile("^\\s*(yes|no)\\b", CI);
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(not|no|cannot|never|none|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|can't)\\b", CI);
    private static final String NUM = "\\d+|two|three|four|five|six|seven|eight|nine|ten|many|more|several|multiple";

    // negation of an affirmative clause
    private static final Pattern THERE_ARTICLE = Pattern.compile("\\bthere (?:is|was) (a|an|one)\\b", CI);
    private static final Pattern THERE_ANY = Pattern.compile("\\bthere (?:are|were) (any|some)\\b", CI);
    private static final Pattern THERE_COUNT = Pattern.compile("\\bthere (are|were)(?= (?:both|either|" + NUM + ")\\b)", CI);
    private static final Pattern THERE_OTHER = Pattern.compile("\\bthere (is|was|are|were)\\b", CI);
    private static final Pattern AUX = Pattern.compile("\\b(is|are|was|were|can|could|will|would|should|may|might|must|am"
            + "|(?:has|have|had)(?=\\s+(?:been|[\\w-]+ed|[\\w-]+en)\\b))\\b", CI);
    private static final Pattern HAVE = Pattern.compile("\\b(has|have|had)\\b", CI);
    private static final Pattern DO = Pattern.compile("\\b(does|do|did)\\b", CI);
    private static final Pattern VERB3 = Pattern.compile("\\b(looks|appears|seems|contains|shows|belongs|needs|holds|wears|"
            + "faces|matches|goes|stands|sits|lies|casts|makes|wants|likes|uses|carries|features|depicts|includes)\\b", CI);
    private static final Pattern I_SEE = Pattern.compile("\\b(?:I|we|you) (see|notice|spot)\\b", CI);

    // affirmation of a negative clause
    private static final Pattern THERE_NO = Pattern.compile("\\bthere (?:is|was) (no)\\s+([\\w-]+)", CI);
    private static final Pattern THERE_PL_NO = Pattern.compile("\\bthere (?:are|were) (no\\s+)", CI);
    private static final Pattern CANNOT = Pattern.compile("\\b(cannot|can't|can not)\\b", CI);
    private static final Pattern CONTRACTED = Pattern.compile("\\b(is|are|was|were|could|would|should|has|have|had)n't\\b", CI);
    private static final Pattern DOES_NOT = Pattern.compile("\\b(does not|doesn't) ([\\w-]+)", CI);
    private static final Pattern DO_NOT = Pattern.compile("\\b(do not|don't) ", CI);
    private static final Pattern DID_NOT = Pattern.compile("\\bdid( not|n't)\\b", CI);
    private static final Pattern AUX_NOT = Pattern.compile("\\b(?:is|are|was|were|could|will|would|should|may|might|must|has|have|had|am)( not)\\b", CI);

    /** Whether the text is a yes/no answer (bare or extended). */
    static boolean isYesNo(String text) {
        return LEAD.matcher(text).find();
    }

    /** The polarity-flipped edit, or {@code null} when the clause cannot be flipped consistently. */
    static TextEdit flip(String text) {
        TextEdit e = new TextEdit(text);
        Matcher lead = LEAD.matcher(text);
        int from = 0;
        boolean positive;
        if (lead.find()) {
            positive = lead.group(1).equalsIgnoreCase("yes");
            e.replace(lead.start(1), lead.end(1), Inflection.matchCase(lead.group(1), positive ? "no" : "yes"));
            from = lead.end(1);
            if (text.substring(from).chars().noneMatch(Character::isLetter)) {
                return e;
            }
        } else {
            positive = !NEGATION.matcher(text).find();
        }
        boolean ok = positive ? negate(text, from, e) : affirm(text, from, e);
        return ok ? e : null;
    }

    /** Index of the matcher whose first match at or after {@code from} starts earliest, or -1 if none matches. */
    private static int earliest(Matcher[] ms, int from) {
        int best = -1;
        int bestStart = Integer.MAX_VALUE;
        for (int i = 0; i < ms.length; i++) {
            if (ms[i].find(from) && ms[i].start() < bestStart) {
                bestStart = ms[i].start();
                best = i;
            }
        }
        return best;
    }

    private static boolean negate(String t, int from, TextEdit e) {
        Matcher[] ms = {THERE_ARTICLE.matcher(t), THERE_ANY.matcher(t), THERE_COUNT.matcher(t), THERE_OTHER.matcher(t),
                I_SEE.matcher(t), AUX.matcher(t), HAVE.matcher(t), DO.matcher(t), VERB3.matcher(t)};
        int best = earliest(ms, from);
        if (best < 0) {
            return false;
        }
        Matcher m = ms[best];
        switch (best) {
            case 0, 1 -> e.replace(m.start(1), m.end(1), Inflection.matchCase(m.group(1), "no"));
            case 2 -> e.replace(m.end(1), m.end(1), " not");
            case 3 -> e.replace(m.end(1), m.end(1), " no");
            case 4 -> e.replace(m.start(1), m.start(1), "do not ");
            case 5 -> {
                if (m.group(1).equalsIgnoreCase("can")) {
                    e.replace(m.start(1), m.end(1), Inflection.matchCase(m.group(1), "cannot"));
                } else {
                    e.replace(m.end(1), m.end(1), " not");
                }
            }
            case 6 -> {
                String w = m.group(1).toLowerCase(java.util.Locale.ROOT);
                String aux = w.equals("has") ? "does" : w.equals("have") ? "do" : "did";
                e.replace(m.start(1), m.end(1), Inflection.matchCase(m.group(1), aux + " not have"));
            }
            case 7 -> e.replace(m.end(1), m.end(1), " not");
            default -> e.replace(m.start(1), m.end(1),
                    Inflection.matchCase(m.group(1), "does not " + Inflection.baseForm(m.group(1).toLowerCase(java.util.Locale.ROOT))));
        }
        return true;
    }

    private static boolean affirm(String t, int from, TextEdit e) {
        Matcher[] ms = {THERE_NO.matcher(t), THERE_PL_NO.matcher(t), CANNOT.matcher(t), CONTRACTED.matcher(t),
                DOES_NOT.matcher(t), DO_NOT.matcher(t), DID_NOT.matcher(t), AUX_NOT.matcher(t)};
        int best = earliest(ms, from);
        if (best < 0) {
            return false;
        }
        Matcher m = ms[best];
        switch (best) {
            case 0 -> e.replace(m.start(1), m.end(1), Inflection.matchCase(m.group(1), Inflection.article(m.group(2))));
            case 1 -> e.replace(m.start(1), m.end(1), "");
            case 2 -> e.replace(m.start(1), m.end(1), Inflection.matchCase(m.group(1), "can"));
            case 3 -> e.replace(m.start(), m.end(), m.group(1));
            case 4 -> e.replace(m.start(), m.end(), Inflection.matchCase(m.group(1), Inflection.thirdPerson(m.group(2))));
            case 5 -> e.replace(m.start(), m.end(), "");
            case 6 -> e.replace(m.start(1), m.end(1), "");
            default -> e.replace(m.start(1), m.end(1), "");
        }
        return true;
    }
}
