package org.vapr.world;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question about a scene, parsed from the closed set of phrasings the world uses (and close variants).
 *
 * @param kind     what is asked
 * @param a        the first noun phrase (the referent, or what is counted), or null
 * @param b        the second noun phrase (the landmark of a relation, the other of a comparison), or null
 * @param relation the relation asked about, or null
 * @param word     a word the question carries: the attribute kind (color, size, shape, pattern), the asserted
 *                 value of a yes/no question, the comparative (bigger/larger/smaller) or the side (left/right)
 * @param number   the number a yes/no count question asserts, or -1
 * @param box      the region of a region question, or null
 */
record Query(Kind kind, Np a, Np b, Relation relation, String word, int number, double[] box) {

    /** What a question asks. */
    enum Kind {
        COUNT, ATTR, BIGGER, SIDE, WEATHER, TIME, PLACE, WHERE, WHAT_REL, REGION_DESC, REGION_ATTR, REGION_WHAT,
        // yes/no kinds
        EXIST, IS_REL, ARE_COUNT, IS_ATTR, IS_BACKGROUND, IS_PLACE, REGION_IS;

        boolean yesNo() {
            return ordinal() >= EXIST.ordinal();
        }
    }

    private static final String IN_IMAGE = "(?: in the (?:image|picture|photo))?";
    private static final String REL = Relation.PHRASES;
    private static final String BOX = "\\[([^\\]]+)\\]";
    private static final List<String> SUFFIXES = List.of("answer the question using a single word or phrase.",
            "answer with the option's letter from the given choices directly.");

    private static final Pattern REGION_DESC = Pattern.compile("^please provide a short description for this region: " + BOX + "\\.?$");
    private static final Pattern REGION_ATTR = Pattern.compile("^(?:what (colou?r|shape|size|pattern) is"
            + "|what is the (colou?r|shape|size|pattern) of) the object in the region " + BOX + "\\?$");
    private static final Pattern REGION_WHAT = Pattern.compile("^what is in the region " + BOX + "\\?$");
    private static final Pattern REGION_IS = Pattern.compile("^is the object in the region " + BOX + " (?:an? )?([a-z-]+)\\?$");
    private static final Pattern COUNT = Pattern.compile("^how many (.+?) (?:are there|can you see|do you see|are visible)" + IN_IMAGE + "\\?$");
    private static final Pattern COUNT2 = Pattern.compile("^what is the number of (.+?)" + IN_IMAGE + "\\?$");
    private static final Pattern COLOR = Pattern.compile("^(?:what colou?r is the (.+?)|what is the colou?r of the (.+?))\\?$");
    private static final Pattern SIZE = Pattern.compile("^(?:what size is the (.+?)|is the (.+?) small, medium,? or large)\\?$");
    private static final Pattern BIGGER = Pattern.compile("^which is (bigger|larger|smaller), the (.+?) or the (.+?)\\?$");
    private static final Pattern SHAPE = Pattern.compile("^what shape is the (.+?)\\?$");
    private static final Pattern PATTERN = Pattern.compile("^what pattern does the (.+?) have\\?$");
    private static final Pattern SIDE = Pattern.compile("^what (?:kind of )?shape is on the (left|right)\\?$");
    private static final Pattern WEATHER = Pattern.compile("^(?:what is the weather like|how is the weather)" + IN_IMAGE + "\\?$");
    private static final Pattern TIME = Pattern.compile("^what time of (?:the )?day is it" + IN_IMAGE + "\\?$");
    private static final Pattern PLACE = Pattern.compile("^(?:is this (?:picture|image|photo) taken indoors or outdoors|is this scene indoors or outdoors)\\?(?: explain\\.?)?$");
    private static final Pattern WHERE = Pattern.compile("^where is the (.+?) (?:relative to|in relation to) the (.+?)\\?$");
    private static final Pattern IS_REL = Pattern.compile("^is the (.+?) " + REL + " the (.+?)\\?$");
    private static final Pattern WHAT_REL = Pattern.compile("^what is (to the left of|to the right of|above|below) the (.+?)\\?$");
    private static final Pattern ARE_COUNT = Pattern.compile("^(?:are|is) there (\\S+) (.+?)" + IN_IMAGE + "\\?$");
    private static final Pattern EXIST = Pattern.compile("^(?:is there an? (.+?)|are there any (.+?)|(?:do|can) you see (?:an? |any )?(.+?))" + IN_IMAGE + "\\?$");
    private static final Pattern IS_BACKGROUND = Pattern.compile("^is it ([a-z]+)" + IN_IMAGE + "\\?$");
    private static final Pattern IS_PLACE = Pattern.compile("^(?:is|was) this (?:picture|image|photo) taken (indoors|outdoors)\\?$");
    private static final Pattern IS_ATTR = Pattern.compile("^is the (.+?) (?:an? )?([a-z-]+)\\?$");

    /** Lowercases, removes {@code <image>} and format suffixes, collapses white space. */
    static String normalize(String question) {
        String q = question.replace("<image>", " ").toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        for (String s : SUFFIXES) {
            q = q.replace(s, " ");
        }
        return q.replaceAll("\\s+", " ").trim();
    }

    private static Query of(Kind kind, Np a, Np b, Relation rel, String word, int number, double[] box) {
        return new Query(kind, a, b, rel, word, number, box);
    }

    private static String first(Matcher m) {
        for (int i = 1; i <= m.groupCount(); i++) {
            if (m.group(i) != null) {
                return m.group(i);
            }
        }
        return null;
    }

    /** The parsed question, or null when it is not one the world knows. */
    static Query parse(String rawQuestion) {
        String q = normalize(rawQuestion);
        Matcher m;
        if ((m = REGION_DESC.matcher(q)).matches()) {
            double[] box = box(m.group(1));
            return box == null ? null : of(Kind.REGION_DESC, null, null, null, null, -1, box);
        }
        if ((m = REGION_ATTR.matcher(q)).matches()) {
            double[] box = box(m.group(3));
            String attr = first(m);
            return box == null ? null : of(Kind.REGION_ATTR, null, null, null, attr.startsWith("col") ? "color" : attr, -1, box);
        }
        if ((m = REGION_WHAT.matcher(q)).matches()) {
            double[] box = box(m.group(1));
            return box == null ? null : of(Kind.REGION_WHAT, null, null, null, null, -1, box);
        }
        if ((m = REGION_IS.matcher(q)).matches()) {
            double[] box = box(m.group(1));
            return box == null || attributeOf(m.group(2)) == null ? null : of(Kind.REGION_IS, null, null, null, m.group(2), -1, box);
        }
        Np np;
        if (((m = COUNT.matcher(q)).matches() || (m = COUNT2.matcher(q)).matches()) && (np = Np.parse(m.group(1))) != null) {
            return of(Kind.COUNT, np, null, null, null, -1, null);
        }
        if ((m = COLOR.matcher(q)).matches() && (np = Np.parse(first(m))) != null) {
            return of(Kind.ATTR, np, null, null, "color", -1, null);
        }
        if ((m = SIZE.matcher(q)).matches() && (np = Np.parse(first(m))) != null) {
            return of(Kind.ATTR, np, null, null, "size", -1, null);
        }
        if ((m = BIGGER.matcher(q)).matches()) {
            Np a = Np.parse(m.group(2));
            Np b = Np.parse(m.group(3));
            if (a != null && b != null) {
                return of(Kind.BIGGER, a, b, null, m.group(1), -1, null);
            }
        }
        if ((m = SHAPE.matcher(q)).matches() && (np = Np.parse(m.group(1))) != null) {
            return of(Kind.ATTR, np, null, null, "shape", -1, null);
        }
        if ((m = PATTERN.matcher(q)).matches() && (np = Np.parse(m.group(1))) != null) {
            return of(Kind.ATTR, np, null, null, "pattern", -1, null);
        }
        if ((m = SIDE.matcher(q)).matches()) {
            return of(Kind.SIDE, null, null, null, m.group(1), -1, null);
        }
        if (WEATHER.matcher(q).matches()) {
            return of(Kind.WEATHER, null, null, null, null, -1, null);
        }
        if (TIME.matcher(q).matches()) {
            return of(Kind.TIME, null, null, null, null, -1, null);
        }
        if (PLACE.matcher(q).matches()) {
            return of(Kind.PLACE, null, null, null, null, -1, null);
        }
        if ((m = WHERE.matcher(q)).matches()) {
            Np a = Np.parse(m.group(1));
            Np b = Np.parse(m.group(2));
            if (a != null && b != null) {
                return of(Kind.WHERE, a, b, null, null, -1, null);
            }
        }
        if ((m = IS_REL.matcher(q)).matches()) {
            Np a = Np.parse(m.group(1));
            Np b = Np.parse(m.group(3));
            if (a != null && b != null) {
                return of(Kind.IS_REL, a, b, Relation.byPhrase(m.group(2)), null, -1, null);
            }
        }
        if ((m = WHAT_REL.matcher(q)).matches() && (np = Np.parse(m.group(2))) != null) {
            return of(Kind.WHAT_REL, null, np, Relation.byPhrase(m.group(1)), null, -1, null);
        }
        if ((m = ARE_COUNT.matcher(q)).matches()) {
            int n = Vocab.parseCount(m.group(1));
            if (n >= 0 && !m.group(1).equals("no") && (np = Np.parse(m.group(2))) != null) {
                return of(Kind.ARE_COUNT, np, null, null, null, n, null);
            }
        }
        if ((m = EXIST.matcher(q)).matches() && (np = Np.parse(first(m))) != null) {
            return of(Kind.EXIST, np, null, null, null, -1, null);
        }
        if ((m = IS_BACKGROUND.matcher(q)).matches()
                && (Vocab.WEATHER_WORDS.contains(m.group(1)) || Vocab.TIME_WORDS.contains(m.group(1)))) {
            return of(Kind.IS_BACKGROUND, null, null, null, m.group(1), -1, null);
        }
        if ((m = IS_PLACE.matcher(q)).matches()) {
            return of(Kind.IS_PLACE, null, null, null, m.group(1), -1, null);
        }
        if ((m = IS_ATTR.matcher(q)).matches() && attributeOf(m.group(2)) != null && (np = Np.parse(m.group(1))) != null) {
            return of(Kind.IS_ATTR, np, null, null, m.group(2), -1, null);
        }
        return null;
    }

    /** The attribute a value word belongs to (color, size, pattern, shape), or null; any color word is a color. */
    static String attributeOf(String word) {
        if (Vocab.colorWord(word) != null) {
            return "color";
        }
        if (Vocab.sizeWord(word) != null) {
            return "size";
        }
        if (Vocab.PATTERNS.contains(word)) {
            return "pattern";
        }
        if (Vocab.SHAPES.contains(word)) {
            return "shape";
        }
        return null;
    }

    /** The normalised value of a word for an attribute ("grey" is gray, "medium-sized" medium). */
    static String valueOf(String word) {
        String c = Vocab.colorWord(word);
        if (c != null) {
            return c;
        }
        String s = Vocab.sizeWord(word);
        return s != null ? s : word;
    }

    static double[] box(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            return null;
        }
        double[] b = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                b[i] = Double.parseDouble(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return b;
    }
}
