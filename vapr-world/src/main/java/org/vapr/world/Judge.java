package org.vapr.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vapr.core.Verdict;

/**
 * Judges answers about one scene. A short answer is read against the parsed question; a sentence answer is split
 * into claims (counts, attributes, relations, background, captions), each checked against the scene: FALSE as soon
 * as one parsed claim is false, TRUE only when every part was parsed and is true, UNKNOWN otherwise.
 *
 * <p>Referents are noun phrases over the world's attributes ("the large striped red circle"), "it" (the object the
 * question is about) or a region ("the object in the region [0.10, 0.20, 0.35, 0.45]"). Any common English color
 * word is read: a palette color exactly, another color ("gold", "navy") as false of objects it cannot name and
 * undecidable for those it might (see {@link Vocab#OTHER_COLORS}); a phrase that might or might not pick out an
 * object makes its claim UNKNOWN.
 */
final class Judge {
    private static final String IN_IMAGE = "(?: in (?:the|this) (?:image|picture|photo))?";
    private static final String REL = Relation.PHRASES;
    private static final String ATTRS = "(colou?r|shape|size|pattern)";
    private static final String VALUE = "(not )?(?:(?:colou?red|painted) )?(an? )?([a-z-]+)( in colou?r)?";
    private static final String TIMES = "(?:day|night|daytime|nighttime|evening|morning|afternoon|sunset|dusk|dawn|sunrise"
            + "|noon)";
    private static final String SETTING = "(on an? [a-z]+ (?:day|night|evening|morning|afternoon)|(?:at|in the|during the) "
            + TIMES + "|in an? (?:indoor|outdoor) (?:room|scene|setting)|indoors|outdoors)";

    /** Questions whose answer describes the image, so that a bare noun phrase claims that the thing is there. */
    private static final Pattern DESCRIBE_Q = Pattern.compile("\\b(?:caption|describe|description|visual content"
            + "|explanation of the image|what do you see|what is (?:shown )?in the (?:image|picture|photo))\\b");
    private static final Pattern CONTRACTION = Pattern.compile("\\b(it|that|this|there)'s\\b");
    private static final Pattern YES_NO = Pattern.compile("^(yes|no)(?:[,.!;:]\\s*|\\s+|$)(.*)$");
    private static final Pattern RESTATED = Pattern.compile("^(?:that|this|it) is (not )?(?:correct|right|true)$");
    private static final Pattern SHORT_NUMBER = Pattern.compile("^([a-z0-9]+)$");
    private static final Pattern SHORT_WORD = Pattern.compile("^(?:the |it is |it's )?(?:an? )?([a-z-]+)$");
    private static final Pattern SHORT_REL = Pattern.compile("^(?:to the |on the )?(left|right|above|below|next to|far from)(?: of| of it| of the .+| the .+)?$");
    private static final Pattern SHORT_NP = Pattern.compile("^(?:the |an? )?([a-z -]+)$");

    private static final Pattern LEAD_IN_IMAGE = Pattern.compile("^in (?:the|this) (?:image|picture|photo),? ");
    private static final Pattern TRAIL_IN_IMAGE = Pattern.compile(" in (?:the|this) (?:image|picture|photo)$");
    private static final Pattern THERE = Pattern.compile("^there (?:is|are) (.+?)" + IN_IMAGE + "$");
    private static final Pattern SEE = Pattern.compile("^i (?:can )?see (.+?)" + IN_IMAGE + "$");
    private static final Pattern NOT_SEE = Pattern.compile("^i (?:do not|don't|cannot|can't|can not) see (?:an? |any )?(.+?)" + IN_IMAGE + "$");
    private static final Pattern REL_CLAIM = Pattern.compile("^the (.+?) (?:is|are) (not )?" + REL + " the (.+?)$");
    private static final Pattern CMP = Pattern.compile("^the (.+?) is (bigger|larger|smaller) than the (.+?)$");
    private static final Pattern BARE_CMP = Pattern.compile("^the (.+?) is (?:the )?(bigger|larger|smaller)(?: one)?(?: of the two)?$");
    private static final Pattern HAS_PATTERN = Pattern.compile("^(.+?) (?:has|have) (?:an? )?([a-z]+) pattern$");
    private static final Pattern HAS_COLOR = Pattern.compile("^(.+?) (?:has|have) (?:an? )?([a-z-]+) colou?r$");
    private static final Pattern WEATHER_IS = Pattern.compile("^the weather is (not )?([a-z]+)$");
    private static final Pattern TIME_IS = Pattern.compile("^the time(?: of (?:the )?day)? is (not )?([a-z]+)$");
    private static final Pattern IT_IS_SETTING = Pattern.compile("^it is an? ([a-z]+) (day|night|evening|morning|afternoon)$");
    private static final Pattern PLACE_CLAIM = Pattern.compile(
            "^(?:the|this) (?:picture|image|photo|scene) (?:is|was) (?:taken |set )?(indoors|outdoors|inside|outside)$");
    private static final Pattern SHOWS = Pattern.compile("^the image shows an? (indoor|outdoor) scene(?: " + SETTING + ")?$");
    private static final Pattern SIDE_CLAIM = Pattern.compile("^the shape on the (left|right) is an? ([a-z]+)$");
    private static final Pattern EXTREME = Pattern.compile("^the (largest|biggest|smallest) (?:object|shape) is the (.+?)$");
    private static final Pattern STANDS_OUT = Pattern.compile(
            "^(?:that is why |this is why |so )?the (.+?) stands out as the (largest|biggest|smallest) (?:object|shape)$");
    private static final Pattern REMOVE = Pattern.compile(
            "^if you (?:removed|remove|took away) all (?:of )?the (.+?),? ([a-z0-9]+) objects? (?:would|will) remains?$");
    private static final Pattern OTHERS = Pattern.compile("^the other (?:([a-z0-9]+) objects are|object is) (smaller|bigger|larger)$");
    private static final Pattern MODE = Pattern.compile("^the most common colou?r is ([a-z-]+)$");
    private static final Pattern NO_OTHER = Pattern.compile("^no other colou?r appears (?:that|as) often$");
    private static final Pattern REGION_CONTAINS = Pattern.compile("^the region(?: \\[([^\\]]+)\\])? contains (.+?)$");
    private static final Pattern REGION_REF = Pattern.compile(
            "^the (?:object|shape|thing) (?:in|at|inside) (?:the )?region \\[([^\\]]+)\\]$");
    private static final Pattern ATTR_OF = Pattern.compile("^the " + ATTRS + " of (.+?) (?:is|are) " + VALUE + "$");
    private static final Pattern ATTR_POSS = Pattern.compile("^(.+?)'s? " + ATTRS + " (?:is|are) " + VALUE + "$");
    private static final Pattern ATTR_CLAIM = Pattern.compile("^(.+?) (?:is|are) " + VALUE + "$");
    private static final Pattern IS_NP = Pattern.compile("^(.+?) is (not )?an? ([a-z -]+)$");
    private static final Pattern CAPTION = Pattern.compile("^(.+?) " + SETTING + "$");
    private static final Pattern LIST_SPLIT = Pattern.compile(",\\s*and\\s+|,\\s*|\\s+and\\s+");
    private static final Pattern SENTENCES = Pattern.compile("(?<=[.!?])\\s+");

    /** Thrown when a phrase might or might not pick out an object; the claim it is part of is undecidable. */
    private static final class Vague extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Vague() {
            super(null, null, false, false);
        }
    }

    private final Scene s;
    /** The one object the sentences so far talk about (for "the other objects"); null when none or several. */
    private SceneObject focus;
    private boolean focusMixed;
    /** The color the sentences so far call the most common one. */
    private String modeColor;
    /** Whether the question asks for a caption or description. */
    private boolean describe;

    Judge(Scene scene) {
        this.s = scene;
    }

    Verdict judge(String question, String answer) {
        String a = CONTRACTION.matcher(answer.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replaceAll("\\s+", " ").trim())
                .replaceAll("$1 is");
        if (a.isEmpty()) {
            return Verdict.UNKNOWN;
        }
        Query q = Query.parse(question);
        describe = q == null && DESCRIBE_Q.matcher(Query.normalize(question)).find();
        if (q != null) {
            Verdict v;
            try {
                v = shortAnswer(q, stripEnd(a));
            } catch (Vague e) {
                v = Verdict.UNKNOWN;
            }
            if (v != null) {
                return v;
            }
        }
        return sentences(q, a);
    }

    private static String stripEnd(String a) {
        String t = a.trim();
        while (!t.isEmpty() && ".!?".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1).trim();
        }
        return t;
    }

    // ------------------------------------------------------------------ referents

    /** The objects a phrase picks out; throws {@link Vague} when some object might or might not be one of them. */
    private List<SceneObject> sel(Np np) {
        if (np.vague(s)) {
            throw new Vague();
        }
        return np.select(s);
    }

    private int count(Np np) {
        return sel(np).size();
    }

    /** The one object a phrase refers to, or null when it picks out none or several. */
    private SceneObject unique(Np np) {
        List<SceneObject> hits = sel(np);
        return hits.size() == 1 ? hits.get(0) : null;
    }

    /**
     * The objects a subject refers to: "the large red circle", "the circles", "it" or "the object in the region"
     * (what the question is about), "the object in the region [x1, y1, x2, y2]"; null when it is not a phrase the
     * judge can resolve (then its claim is UNKNOWN).
     */
    private List<SceneObject> subject(Query q, String phrase) {
        String t = phrase.trim();
        if (t.equals("it") || t.equals("the object in the region") || t.equals("the object in this region")
                || t.equals("the object in the box")) {
            SceneObject o = it(q);
            return o == null ? null : List.of(o);
        }
        Matcher m = REGION_REF.matcher(t);
        if (m.matches()) {
            double[] box = Query.box(m.group(1));
            SceneObject o = box == null ? null : region(box);
            return o == null ? null : List.of(o);
        }
        if (!t.startsWith("the ")) {
            return null;
        }
        Np np = Np.parse(t);
        return np == null ? null : sel(np);
    }

    /** Notes the object a sentence is about, for later sentences that refer to "the other objects". */
    private void about(List<SceneObject> objs) {
        if (objs == null || objs.size() != 1) {
            return;
        }
        if (focus != null && focus != objs.get(0)) {
            focusMixed = true;
        }
        focus = objs.get(0);
    }

    private static String attr(SceneObject o, String attribute) {
        return switch (attribute) {
            case "color" -> o.color();
            case "size" -> o.size();
            case "pattern" -> o.pattern();
            default -> o.shape();
        };
    }

    /** Whether the object has the (normalised) value of the attribute; UNKNOWN only for near colors. */
    private static Verdict valueIs(SceneObject o, String attribute, String value) {
        if (attribute.equals("color")) {
            return Vocab.colorIs(o.color(), value);
        }
        return of(attr(o, attribute).equals(value));
    }

    /** Whether every object has the value word: TRUE when all do, FALSE when none does, else UNKNOWN. */
    private static Verdict allHave(List<SceneObject> objs, String word) {
        String attribute = Query.attributeOf(word);
        if (attribute == null) {
            return null;
        }
        String value = Query.valueOf(word);
        boolean allTrue = true;
        boolean allFalse = true;
        for (SceneObject o : objs) {
            Verdict v = valueIs(o, attribute, value);
            allTrue &= v == Verdict.TRUE;
            allFalse &= v == Verdict.FALSE;
        }
        return objs.isEmpty() ? Verdict.UNKNOWN : allTrue ? Verdict.TRUE : allFalse ? Verdict.FALSE : Verdict.UNKNOWN;
    }

    /**
     * A claim that the subject's objects have (or, negated, lack) the value: FALSE when the subject picks out
     * nothing (a false presupposition), UNKNOWN for a negated claim about nothing; null when the word is no value.
     */
    private Verdict attrClaim(List<SceneObject> objs, String word, boolean negated) {
        if (Query.attributeOf(word) == null) {
            return null;
        }
        if (objs.isEmpty()) {
            return negated ? Verdict.UNKNOWN : Verdict.FALSE;
        }
        Verdict v = allHave(objs, word);
        return negated ? not(v) : v;
    }

    private SceneObject region(double[] box) {
        SceneObject hit = null;
        for (SceneObject o : s.objects()) {
            boolean same = true;
            for (int i = 0; i < 4; i++) {
                same &= Math.abs(o.bbox().get(i) - box[i]) <= 0.006;
            }
            if (same) {
                if (hit != null) {
                    return null;
                }
                hit = o;
            }
        }
        return hit;
    }

    private static Verdict of(boolean b) {
        return b ? Verdict.TRUE : Verdict.FALSE;
    }

    private static Verdict not(Verdict v) {
        return v == Verdict.TRUE ? Verdict.FALSE : v == Verdict.FALSE ? Verdict.TRUE : Verdict.UNKNOWN;
    }

    private static Verdict and(Verdict a, Verdict b) {
        if (a == Verdict.FALSE || b == Verdict.FALSE) {
            return Verdict.FALSE;
        }
        return a == Verdict.TRUE && b == Verdict.TRUE ? Verdict.TRUE : Verdict.UNKNOWN;
    }

    /** A relation between two phrases, each of which must pick out one object; FALSE when either picks out none. */
    private Verdict relation(Np a, Relation rel, Np b) {
        List<SceneObject> as = sel(a);
        List<SceneObject> bs = sel(b);
        if (as.isEmpty() || bs.isEmpty()) {
            return Verdict.FALSE;
        }
        if (as.size() > 1 || bs.size() > 1) {
            return Verdict.UNKNOWN;
        }
        return rel.holds(as.get(0), bs.get(0));
    }

    /** "x is bigger (smaller) than y" for two distinct objects; UNKNOWN when they are of one size class. */
    private static Verdict bigger(SceneObject x, SceneObject y, String word) {
        int cmp = Integer.compare(Vocab.sizeRank(x.size()), Vocab.sizeRank(y.size()));
        if (cmp == 0 || x == y) {
            return Verdict.UNKNOWN;
        }
        return of((cmp > 0) == !word.equals("smaller"));
    }

    /** "the X is the largest (smallest) object": FALSE when another is larger, TRUE when it is strictly so. */
    private Verdict extreme(String phrase, String word) {
        Np np = Np.parse(phrase);
        if (np == null) {
            return Verdict.UNKNOWN;
        }
        List<SceneObject> hits = sel(np);
        if (hits.isEmpty()) {
            return Verdict.FALSE;
        }
        if (hits.size() > 1) {
            return Verdict.UNKNOWN;
        }
        SceneObject o = hits.get(0);
        about(hits);
        int sign = word.equals("smallest") ? -1 : 1;
        boolean strictly = true;
        for (SceneObject x : s.objects()) {
            if (x == o) {
                continue;
            }
            int c = sign * Integer.compare(Vocab.sizeRank(o.size()), Vocab.sizeRank(x.size()));
            if (c < 0) {
                return Verdict.FALSE;
            }
            strictly &= c > 0;
        }
        return strictly ? Verdict.TRUE : Verdict.UNKNOWN;
    }

    // ------------------------------------------------------------------ background

    private Verdict weather(String w) {
        String bg = s.background();
        if (Vocab.WEATHER_TRUE.get(bg).contains(w)) {
            return Verdict.TRUE;
        }
        return Vocab.WEATHER_FALSE.get(bg).contains(w) ? Verdict.FALSE : Verdict.UNKNOWN;
    }

    private Verdict time(String t) {
        String bg = s.background();
        if (Vocab.TIME_TRUE.get(bg).contains(t)) {
            return Verdict.TRUE;
        }
        return Vocab.TIME_FALSE.get(bg).contains(t) ? Verdict.FALSE : Verdict.UNKNOWN;
    }

    private Verdict place(String p) {
        boolean indoors = switch (p) {
            case "indoors", "inside", "indoor" -> true;
            case "outdoors", "outside", "outdoor" -> false;
            default -> throw new IllegalArgumentException(p);
        };
        return of(indoors == !Vocab.outdoors(s.background()));
    }

    private static boolean placeWord(String w) {
        return switch (w) {
            case "indoors", "inside", "indoor", "outdoors", "outside", "outdoor" -> true;
            default -> false;
        };
    }

    /** A weather, time-of-day or place word; null when the word is none of them. */
    private Verdict backgroundWord(String w) {
        if (Vocab.WEATHER_WORDS.contains(w)) {
            return weather(w);
        }
        if (Vocab.TIME_WORDS.contains(w)) {
            return time(w);
        }
        if (placeWord(w)) {
            return place(w);
        }
        return null;
    }

    /** "a snowy day", "a clear night": the weather word (if it is one) and the time of day. */
    private Verdict weatherAndTime(String adjective, String timeWord) {
        Verdict w = Vocab.WEATHER_WORDS.contains(adjective) ? weather(adjective) : Verdict.UNKNOWN;
        return and(w, time(timeWord));
    }

    /**
     * A caption's setting phrase: "on a snowy day", "on a clear night", "at night", "in the evening", "in an
     * indoor room". A time of day or weather places the scene outdoors (the world's captions of indoor scenes
     * say "in an indoor room").
     */
    private Verdict setting(String phrase) {
        switch (phrase) {
            case "in an indoor room", "in an indoor scene", "in an indoor setting", "indoors" -> {
                return place("indoors");
            }
            case "in an outdoor room", "in an outdoor scene", "in an outdoor setting", "outdoors" -> {
                return place("outdoors");
            }
            default -> {
            }
        }
        Verdict time;
        if (phrase.startsWith("on a")) {
            String[] w = phrase.split(" ");
            time = weatherAndTime(w[2], w[3]);
        } else {
            // "at night", "in the evening", "during the day", "at sunset"; "at dawn" is undecidable
            time = time(phrase.substring(phrase.lastIndexOf(' ') + 1));
        }
        return and(place("outdoors"), time);
    }

    // ------------------------------------------------------------------ short answers

    /** Reads a short answer against the question; null when the answer is not a short answer of its type. */
    private Verdict shortAnswer(Query q, String a) {
        Matcher m;
        if (q.kind().yesNo()) {
            if (a.equals("yes") || a.equals("no")) {
                Verdict truth = truth(q);
                return truth == Verdict.UNKNOWN ? Verdict.UNKNOWN : of((truth == Verdict.TRUE) == a.equals("yes"));
            }
            return null;
        }
        switch (q.kind()) {
            case COUNT -> {
                if ((m = SHORT_NUMBER.matcher(a)).matches()) {
                    int n = Vocab.parseCount(m.group(1));
                    if (n < 0 || m.group(1).equals("no")) {
                        return null;
                    }
                    return of(count(q.a()) == n);
                }
                return null;
            }
            case ATTR -> {
                if ((m = SHORT_WORD.matcher(a)).matches() && q.word().equals(Query.attributeOf(m.group(1)))) {
                    return attrClaimQuestion(q.a(), m.group(1));
                }
                return null;
            }
            case REGION_ATTR -> {
                if ((m = SHORT_WORD.matcher(a)).matches() && q.word().equals(Query.attributeOf(m.group(1)))) {
                    SceneObject o = region(q.box());
                    return o == null ? Verdict.UNKNOWN : allHave(List.of(o), m.group(1));
                }
                return null;
            }
            case REGION_DESC -> {
                Np np = shortNp(a);
                if (np == null) {
                    return null;
                }
                SceneObject o = region(q.box());
                return o == null ? Verdict.UNKNOWN : np.test(o);
            }
            case SIDE -> {
                if ((m = SHORT_WORD.matcher(a)).matches() && Vocab.SHAPES.contains(m.group(1))) {
                    SceneObject o = QaFactory.extreme(s.objects(), q.word().equals("left"));
                    return o == null ? Verdict.UNKNOWN : of(o.shape().equals(m.group(1)));
                }
                return null;
            }
            case WEATHER -> {
                return (m = SHORT_WORD.matcher(a)).matches() && Vocab.WEATHER_WORDS.contains(m.group(1)) ? weather(m.group(1)) : null;
            }
            case TIME -> {
                return (m = SHORT_WORD.matcher(a)).matches() && Vocab.TIME_WORDS.contains(m.group(1)) ? time(m.group(1)) : null;
            }
            case PLACE -> {
                return (m = SHORT_WORD.matcher(a)).matches() && placeWord(m.group(1)) ? place(m.group(1)) : null;
            }
            case WHERE -> {
                if ((m = SHORT_REL.matcher(a)).matches()) {
                    String w = m.group(1);
                    Relation rel = switch (w) {
                        case "left" -> Relation.LEFT;
                        case "right" -> Relation.RIGHT;
                        default -> Relation.byPhrase(w);
                    };
                    return relation(q.a(), rel, q.b());
                }
                return null;
            }
            case BIGGER -> {
                Np np = shortNp(a);
                if (np == null) {
                    return null;
                }
                SceneObject x = unique(q.a());
                SceneObject y = unique(q.b());
                if (x == null || y == null || x == y) {
                    return Verdict.UNKNOWN;
                }
                int cmp = Integer.compare(Vocab.sizeRank(x.size()), Vocab.sizeRank(y.size()));
                if (cmp == 0) {
                    return Verdict.UNKNOWN;
                }
                boolean xWins = (cmp > 0) == !q.word().equals("smaller");
                SceneObject winner = xWins ? x : y;
                SceneObject loser = xWins ? y : x;
                List<SceneObject> named = sel(np);
                if (named.isEmpty()) {
                    return Verdict.FALSE;
                }
                if (named.size() == 1) {
                    return named.get(0) == winner ? Verdict.TRUE : named.get(0) == loser ? Verdict.FALSE : Verdict.UNKNOWN;
                }
                return Verdict.UNKNOWN;
            }
            case WHAT_REL -> {
                Np np = shortNp(a);
                if (np == null) {
                    return null;
                }
                SceneObject b = unique(q.b());
                if (b == null) {
                    return Verdict.UNKNOWN;
                }
                List<SceneObject> named = sel(np);
                if (named.isEmpty()) {
                    return Verdict.FALSE;
                }
                boolean allTrue = true;
                boolean allFalse = true;
                for (SceneObject x : named) {
                    Verdict v = x == b ? Verdict.FALSE : q.relation().holds(x, b);
                    allTrue &= v == Verdict.TRUE;
                    allFalse &= v == Verdict.FALSE;
                }
                return allTrue ? Verdict.TRUE : allFalse ? Verdict.FALSE : Verdict.UNKNOWN;
            }
            default -> {
                return null;
            }
        }
    }

    private static Np shortNp(String a) {
        Matcher m = SHORT_NP.matcher(a);
        return m.matches() ? Np.parse(m.group(1)) : null;
    }

    /** An attribute answer to a question about a phrase: UNKNOWN when the phrase picks out nothing. */
    private Verdict attrClaimQuestion(Np np, String value) {
        List<SceneObject> objs = sel(np);
        Verdict v = objs.isEmpty() ? Verdict.UNKNOWN : allHave(objs, value);
        return v == null ? Verdict.UNKNOWN : v;
    }

    /** The truth of a yes/no question. */
    private Verdict truth(Query q) {
        return switch (q.kind()) {
            case EXIST -> of(count(q.a()) > 0);
            case ARE_COUNT -> of(count(q.a()) == q.number());
            case IS_REL -> {
                SceneObject a = unique(q.a());
                SceneObject b = unique(q.b());
                yield a == null || b == null || a == b ? Verdict.UNKNOWN : q.relation().holds(a, b);
            }
            case IS_ATTR -> attrClaimQuestion(q.a(), q.word());
            case IS_BACKGROUND -> backgroundWord(q.word());
            case IS_PLACE -> place(q.word());
            case REGION_IS -> {
                SceneObject o = region(q.box());
                yield o == null ? Verdict.UNKNOWN : allHave(List.of(o), q.word());
            }
            default -> Verdict.UNKNOWN;
        };
    }

    // ------------------------------------------------------------------ sentences

    private Verdict sentences(Query q, String answer) {
        focus = null;
        focusMixed = false;
        modeColor = null;
        String[] parts = SENTENCES.split(answer);
        boolean allTrue = true;
        int judged = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = stripEnd(parts[i]);
            if (p.isEmpty()) {
                continue;
            }
            if (i == 0) {
                Matcher m = YES_NO.matcher(p);
                if (m.matches()) {
                    Verdict polarity = Verdict.UNKNOWN;
                    if (q != null && q.kind().yesNo()) {
                        Verdict truth;
                        try {
                            truth = truth(q);
                        } catch (Vague e) {
                            truth = Verdict.UNKNOWN;
                        }
                        if (truth != Verdict.UNKNOWN) {
                            polarity = of((truth == Verdict.TRUE) == m.group(1).equals("yes"));
                        }
                    }
                    if (polarity == Verdict.FALSE) {
                        return Verdict.FALSE;
                    }
                    allTrue &= polarity == Verdict.TRUE;
                    judged++;
                    p = stripEnd(m.group(2));
                    if (p.isEmpty()) {
                        continue;
                    }
                    Matcher r = RESTATED.matcher(p);
                    if (r.matches()) {
                        // "Yes, that is correct." / "No, that is not correct." restate the polarity
                        allTrue &= (r.group(1) == null) == m.group(1).equals("yes");
                        continue;
                    }
                }
            }
            Verdict v;
            try {
                v = claim(q, p);
            } catch (Vague e) {
                v = Verdict.UNKNOWN;
            }
            if (v == Verdict.FALSE) {
                return Verdict.FALSE;
            }
            allTrue &= v == Verdict.TRUE;
            judged++;
        }
        return judged > 0 && allTrue ? Verdict.TRUE : Verdict.UNKNOWN;
    }

    /** The referent of "it" in an answer: the object the question is about, when there is one. */
    private SceneObject it(Query q) {
        if (q == null) {
            return null;
        }
        return switch (q.kind()) {
            case ATTR, IS_ATTR -> unique(q.a());
            case REGION_ATTR, REGION_DESC, REGION_WHAT, REGION_IS -> region(q.box());
            default -> null;
        };
    }

    private static boolean objectQuestion(Query q) {
        return q != null && (q.kind() == Query.Kind.ATTR || q.kind() == Query.Kind.IS_ATTR || regionQuestion(q));
    }

    private static boolean regionQuestion(Query q) {
        return q != null && switch (q.kind()) {
            case REGION_ATTR, REGION_DESC, REGION_WHAT, REGION_IS -> true;
            default -> false;
        };
    }

    /** One declarative sentence (lowercase, no final period); UNKNOWN when it is not a claim the world can read. */
    Verdict claim(Query q, String sentence) {
        Matcher m;
        for (Map.Entry<String, String> e : Vocab.SCENERY.entrySet()) {
            if (stripEnd(e.getValue().toLowerCase(Locale.ROOT)).equals(sentence)) {
                return of(e.getKey().equals(s.background()));
            }
        }
        String p = TRAIL_IN_IMAGE.matcher(LEAD_IN_IMAGE.matcher(sentence).replaceFirst("")).replaceFirst("");
        if (Vocab.TRUISMS.contains(p)) {
            return Verdict.TRUE;
        }
        if ((m = NOT_SEE.matcher(p)).matches()) {
            Np np = Np.parse(m.group(1));
            return np == null ? Verdict.UNKNOWN : of(count(np) == 0);
        }
        if ((m = THERE.matcher(p)).matches() || (m = SEE.matcher(p)).matches()) {
            return list(m.group(1), false);
        }
        if ((m = REL_CLAIM.matcher(p)).matches()) {
            Np a = Np.parse(m.group(1));
            Np b = Np.parse(m.group(4));
            Relation rel = Relation.byPhrase(m.group(3));
            if (a == null || b == null || rel == null) {
                return Verdict.UNKNOWN;
            }
            if (m.group(2) == null) {
                return relation(a, rel, b);
            }
            // a negated relation about something that is not there is not thereby true
            return sel(a).isEmpty() || sel(b).isEmpty() ? Verdict.UNKNOWN : not(relation(a, rel, b));
        }
        if ((m = CMP.matcher(p)).matches()) {
            Np a = Np.parse(m.group(1));
            Np b = Np.parse(m.group(3));
            if (a == null || b == null) {
                return Verdict.UNKNOWN;
            }
            if (count(a) == 0 || count(b) == 0) {
                return Verdict.FALSE;
            }
            SceneObject x = unique(a);
            SceneObject y = unique(b);
            if (x == null || y == null) {
                return Verdict.UNKNOWN;
            }
            return bigger(x, y, m.group(2));
        }
        if ((m = OTHERS.matcher(p)).matches()) {
            return others(m.group(1), m.group(2));
        }
        if ((m = BARE_CMP.matcher(p)).matches()) {
            return bareComparison(q, m.group(1), m.group(2));
        }
        if ((m = HAS_PATTERN.matcher(p)).matches()) {
            List<SceneObject> objs = subject(q, m.group(1));
            if (objs == null || !Vocab.PATTERNS.contains(m.group(2))) {
                return Verdict.UNKNOWN;
            }
            about(objs);
            return attrClaim(objs, m.group(2), false);
        }
        if ((m = HAS_COLOR.matcher(p)).matches()) {
            List<SceneObject> objs = subject(q, m.group(1));
            if (objs == null || Vocab.colorWord(m.group(2)) == null) {
                return Verdict.UNKNOWN;
            }
            about(objs);
            return attrClaim(objs, m.group(2), false);
        }
        if ((m = WEATHER_IS.matcher(p)).matches()) {
            Verdict v = Vocab.WEATHER_WORDS.contains(m.group(2)) ? weather(m.group(2)) : Verdict.UNKNOWN;
            return m.group(1) != null ? not(v) : v;
        }
        if ((m = TIME_IS.matcher(p)).matches()) {
            Verdict v = Vocab.TIME_WORDS.contains(m.group(2)) ? time(m.group(2)) : Verdict.UNKNOWN;
            return m.group(1) != null ? not(v) : v;
        }
        if ((m = IT_IS_SETTING.matcher(p)).matches()) {
            return weatherAndTime(m.group(1), m.group(2));
        }
        if ((m = PLACE_CLAIM.matcher(p)).matches()) {
            return place(m.group(1));
        }
        if ((m = SHOWS.matcher(p)).matches()) {
            Verdict v = place(m.group(1).equals("indoor") ? "indoors" : "outdoors");
            if (m.group(2) != null) {
                v = and(v, setting(m.group(2)));
            }
            return v;
        }
        if ((m = SIDE_CLAIM.matcher(p)).matches()) {
            if (!Vocab.SHAPES.contains(m.group(2))) {
                return Verdict.UNKNOWN;
            }
            SceneObject o = QaFactory.extreme(s.objects(), m.group(1).equals("left"));
            return o == null ? Verdict.UNKNOWN : of(o.shape().equals(m.group(2)));
        }
        if ((m = EXTREME.matcher(p)).matches()) {
            return extreme(m.group(2), m.group(1));
        }
        if ((m = STANDS_OUT.matcher(p)).matches()) {
            return extreme(m.group(1), m.group(2));
        }
        if ((m = REMOVE.matcher(p)).matches()) {
            Np np = Np.parse(m.group(1));
            int n = Vocab.parseCount(m.group(2));
            if (np == null || n < 0) {
                return Verdict.UNKNOWN;
            }
            return of(s.objects().size() - count(np) == n);
        }
        if ((m = MODE.matcher(p)).matches()) {
            return mode(m.group(1));
        }
        if (NO_OTHER.matcher(p).matches()) {
            return noOther();
        }
        if ((m = REGION_CONTAINS.matcher(p)).matches()) {
            SceneObject o;
            if (m.group(1) != null) {
                double[] box = Query.box(m.group(1));
                o = box == null ? null : region(box);
            } else {
                o = it(q);
            }
            Np np = shortNp(m.group(2));
            return o == null || np == null ? Verdict.UNKNOWN : np.test(o);
        }
        if ((m = ATTR_OF.matcher(p)).matches()) {
            return attrSentence(q, m.group(2), m.group(1), m.group(3), m.group(4), m.group(5), m.group(6));
        }
        if ((m = ATTR_POSS.matcher(p)).matches()) {
            return attrSentence(q, m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6));
        }
        if ((m = ATTR_CLAIM.matcher(p)).matches()) {
            String subj = m.group(1);
            String word = m.group(4);
            // "it is clear" is the weather unless "it" is the object asked about ("What color is the star?")
            if (subj.equals("it") && m.group(3) == null && m.group(5) == null && !objectQuestion(q)) {
                Verdict bg = backgroundWord(word);
                if (bg != null) {
                    return m.group(2) != null ? not(bg) : bg;
                }
            }
            Verdict v = attrSentence(q, subj, null, m.group(2), m.group(3), word, m.group(5));
            if (v != Verdict.UNKNOWN || m.group(3) == null) {
                return v;
            }
        }
        if ((m = IS_NP.matcher(p)).matches()) {
            Verdict v = isNp(q, m.group(1), m.group(2) != null, m.group(3));
            if (v != null) {
                return v;
            }
        }
        if ((m = CAPTION.matcher(p)).matches()) {
            return and(list(m.group(1), false), setting(m.group(2)));
        }
        if (regionQuestion(q)) {
            if (q.kind() == Query.Kind.REGION_DESC) {
                Np np = shortNp(p);
                SceneObject o = it(q);
                if (np != null && o != null) {
                    return np.test(o);
                }
            }
            return Verdict.UNKNOWN;
        }
        if (describe) {
            // a caption without a setting: "A large red circle and two blue squares."
            return list(p, true);
        }
        return Verdict.UNKNOWN;
    }

    /**
     * "the color of the star is red", "the star's size is small", "the object in the region [..] is a circle",
     * "it is not striped": the value must be of the named attribute (when one is named), an article goes only
     * with a shape and "in color" only with a color.
     */
    private Verdict attrSentence(Query q, String subjectPhrase, String named, String not, String article, String word,
                                 String inColor) {
        String attribute = Query.attributeOf(word);
        if (attribute == null
                || named != null && !attribute.equals(named.startsWith("col") ? "color" : named)
                || article != null && !attribute.equals("shape")
                || inColor != null && !attribute.equals("color")) {
            return Verdict.UNKNOWN;
        }
        List<SceneObject> objs = subject(q, subjectPhrase);
        if (objs == null) {
            return Verdict.UNKNOWN;
        }
        about(objs);
        return attrClaim(objs, word, not != null);
    }

    /** "the object in the region [..] is a large red circle": null when the phrase is no noun phrase of the world. */
    private Verdict isNp(Query q, String subjectPhrase, boolean negated, String phrase) {
        Np np = Np.parse(phrase);
        if (np == null || np.plural()) {
            return null;
        }
        List<SceneObject> objs = subject(q, subjectPhrase);
        if (objs == null || objs.size() > 1) {
            return Verdict.UNKNOWN;
        }
        if (objs.isEmpty()) {
            return negated ? Verdict.UNKNOWN : Verdict.FALSE;
        }
        about(objs);
        Verdict v = np.test(objs.get(0));
        return negated ? not(v) : v;
    }

    /** "The yellow object is larger." answering "Which is larger, the purple object or the yellow object?". */
    private Verdict bareComparison(Query q, String phrase, String word) {
        if (q == null || q.kind() != Query.Kind.BIGGER) {
            return Verdict.UNKNOWN;
        }
        Np np = Np.parse(phrase);
        if (np == null) {
            return Verdict.UNKNOWN;
        }
        List<SceneObject> named = sel(np);
        if (named.isEmpty()) {
            return Verdict.FALSE;
        }
        SceneObject a = unique(q.a());
        SceneObject b = unique(q.b());
        if (named.size() > 1 || a == null || b == null || a == b) {
            return Verdict.UNKNOWN;
        }
        SceneObject x = named.get(0);
        SceneObject other = x == a ? b : x == b ? a : null;
        return other == null ? Verdict.UNKNOWN : bigger(x, other, word);
    }

    /** "The other three objects are smaller." after sentences about one object (and only one). */
    private Verdict others(String number, String word) {
        if (focus == null || focusMixed) {
            return Verdict.UNKNOWN;
        }
        int n = number == null ? 1 : Vocab.parseCount(number);
        if (n < 0) {
            return Verdict.UNKNOWN;
        }
        if (n != s.objects().size() - 1) {
            return Verdict.FALSE;
        }
        int want = word.equals("smaller") ? -1 : 1;
        boolean all = true;
        for (SceneObject x : s.objects()) {
            if (x == focus) {
                continue;
            }
            int c = Integer.compare(Vocab.sizeRank(x.size()), Vocab.sizeRank(focus.size()));
            if (c == -want) {
                return Verdict.FALSE;
            }
            all &= c == want;
        }
        return all ? Verdict.TRUE : Verdict.UNKNOWN;
    }

    private int colorCount(String color) {
        return count(new Np(null, null, color, null, true));
    }

    /** "The most common color is green.": FALSE when another color is more common, TRUE when it is strictly so. */
    private Verdict mode(String word) {
        String c = Vocab.colorWord(word);
        if (c == null) {
            return Verdict.UNKNOWN;
        }
        modeColor = c;
        int mine = colorCount(c);
        int best = 0;
        int atBest = 0;
        for (String other : Vocab.COLORS) {
            int k = colorCount(other);
            if (k > best) {
                best = k;
                atBest = 1;
            } else if (k == best) {
                atBest++;
            }
        }
        return mine < best ? Verdict.FALSE : atBest == 1 ? Verdict.TRUE : Verdict.UNKNOWN;
    }

    /** "No other color appears that often." after naming the most common color. */
    private Verdict noOther() {
        if (modeColor == null || !Vocab.COLORS.contains(modeColor)) {
            return Verdict.UNKNOWN;
        }
        int mine = colorCount(modeColor);
        for (String other : Vocab.COLORS) {
            if (!other.equals(modeColor) && colorCount(other) >= mine) {
                return Verdict.FALSE;
            }
        }
        return Verdict.TRUE;
    }

    /**
     * "a large red circle, two blue squares and no stars": every item's count must hold. FALSE when one item is
     * false; with {@code strict}, UNKNOWN as soon as one item is not a quantified phrase of the world (the text
     * may be no list of things at all).
     */
    private Verdict list(String text, boolean strict) {
        Verdict all = Verdict.TRUE;
        boolean unparsed = false;
        boolean quantified = false;
        for (String item : LIST_SPLIT.split(text)) {
            Verdict v;
            try {
                v = item(item.trim(), quantified);
            } catch (Vague e) {
                v = Verdict.UNKNOWN;
            }
            quantified |= !bare(item.trim());
            if (v == null) {
                if (strict) {
                    return Verdict.UNKNOWN;
                }
                unparsed = true;
                continue;
            }
            all = and(all, v);
        }
        return all == Verdict.FALSE ? Verdict.FALSE : unparsed ? Verdict.UNKNOWN : all;
    }

    private static boolean bare(String item) {
        int sp = item.indexOf(' ');
        String quant = sp < 0 ? item : item.substring(0, sp);
        return !quant.equals("a") && !quant.equals("an") && !quant.equals("some") && !quant.equals("several")
                && !quant.equals("many") && !quant.equals("any") && !quant.equals("not") && Vocab.parseCount(quant) < 0;
    }

    /** One item of a list; null when it is not one the judge can read. */
    private Verdict item(String t, boolean afterQuantified) {
        boolean negated = t.startsWith("not ");
        if (negated) {
            t = t.substring(4);
        }
        int sp = t.indexOf(' ');
        String quant = sp < 0 ? "" : t.substring(0, sp);
        String rest = t.substring(sp + 1);
        int n = Vocab.parseCount(quant);
        Np np;
        Verdict v;
        if (quant.equals("a") || quant.equals("an") || quant.equals("some") || quant.equals("any")) {
            np = Np.parse(rest);
            v = np == null ? null : of(count(np) >= 1);
        } else if (quant.equals("several") || quant.equals("many")) {
            np = Np.parse(rest);
            v = np == null ? null : of(count(np) >= 2);
        } else if (n >= 0) {
            np = Np.parse(rest);
            v = np == null ? null : of(count(np) == n);
        } else if (!negated && !afterQuantified) {
            // a bare plural ("circles") after a quantified item may share its quantifier ("no circles, squares")
            np = Np.parse(t);
            v = np == null || !np.plural() ? null : of(count(np) >= 1);
        } else {
            return null;
        }
        return v == null ? null : negated ? not(v) : v;
    }
}
