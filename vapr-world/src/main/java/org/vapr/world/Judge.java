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
 */
final class Judge {
    private static final String IN_IMAGE = "(?: in the (?:image|picture|photo))?";
    private static final String REL = "(to the left of|to the right of|above|below|next to|far from)";
    private static final String SETTING = "(on an? [a-z]+ day|at night|in the evening|at sunset|in an indoor room|indoors|outdoors)";

    private static final Pattern YES_NO = Pattern.compile("^(yes|no)(?:[,.!;:]\\s*|\\s+|$)(.*)$");
    private static final Pattern SHORT_NUMBER = Pattern.compile("^([a-z0-9]+)$");
    private static final Pattern SHORT_WORD = Pattern.compile("^(?:the |it is |it's )?(?:an? )?([a-z-]+)$");
    private static final Pattern SHORT_REL = Pattern.compile("^(?:to the |on the )?(left|right|above|below|next to|far from)(?: of| of it| of the .+| the .+)?$");
    private static final Pattern SHORT_NP = Pattern.compile("^(?:the |an? )?([a-z -]+)$");

    private static final Pattern THERE = Pattern.compile("^there (?:is|are) (.+?)" + IN_IMAGE + "$");
    private static final Pattern SEE = Pattern.compile("^i (?:can )?see (.+?)" + IN_IMAGE + "$");
    private static final Pattern NOT_SEE = Pattern.compile("^i (?:do not|don't|cannot|can't|can not) see (?:an? |any )?(.+?)" + IN_IMAGE + "$");
    private static final Pattern REL_CLAIM = Pattern.compile("^the (.+?) (?:is|are) (not )?" + REL + " the (.+?)$");
    private static final Pattern CMP = Pattern.compile("^the (.+?) is (bigger|larger|smaller) than the (.+?)$");
    private static final Pattern HAS_PATTERN = Pattern.compile("^(?:the (.+?)|it) has an? ([a-z]+) pattern$");
    private static final Pattern WEATHER_IS = Pattern.compile("^the weather is ([a-z]+)$");
    private static final Pattern PLACE_CLAIM = Pattern.compile("^(?:the|this) (?:picture|image|photo) (?:is|was) taken (indoors|outdoors)$");
    private static final Pattern SHOWS = Pattern.compile("^the image shows an? (indoor|outdoor) scene(?: " + SETTING + ")?$");
    private static final Pattern SIDE_CLAIM = Pattern.compile("^the shape on the (left|right) is an? ([a-z]+)$");
    private static final Pattern EXTREME = Pattern.compile("^the (largest|biggest|smallest) object is the (.+?)$");
    private static final Pattern REMOVE = Pattern.compile("^if you removed all the (.+?), ([a-z0-9]+) objects? would remain$");
    private static final Pattern OTHERS = Pattern.compile("^the other (?:([a-z0-9]+) objects are|object is) (smaller|bigger|larger)$");
    private static final Pattern MODE = Pattern.compile("^the most common colou?r is ([a-z]+)$");
    private static final Pattern REGION_IS = Pattern.compile("^the object in the region is (?:an? )?([a-z-]+)$");
    private static final Pattern REGION_CONTAINS = Pattern.compile("^the region contains (.+?)$");
    private static final Pattern IT_IS = Pattern.compile("^it (?:is|'s) (?:an? )?([a-z-]+)$");
    private static final Pattern ATTR_CLAIM = Pattern.compile("^the (.+?) (?:is|are) (?:an? )?([a-z-]+)$");
    private static final Pattern CAPTION = Pattern.compile("^(.+?) " + SETTING + "$");
    private static final Pattern LIST_SPLIT = Pattern.compile(",\\s*and\\s+|,\\s*|\\s+and\\s+");
    private static final Pattern SENTENCES = Pattern.compile("(?<=[.!?])\\s+");

    private final Scene s;

    Judge(Scene scene) {
        this.s = scene;
    }

    Verdict judge(String question, String answer) {
        String a = answer.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replaceAll("\\s+", " ").trim();
        if (a.isEmpty()) {
            return Verdict.UNKNOWN;
        }
        Query q = Query.parse(question);
        if (q != null) {
            Verdict v = shortAnswer(q, stripEnd(a));
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

    /** The one object a phrase refers to; or null (with {@code none} telling whether nothing matched). */
    private SceneObject unique(Np np) {
        List<SceneObject> hits = np.select(s);
        return hits.size() == 1 ? hits.get(0) : null;
    }

    private static String attr(SceneObject o, String attribute) {
        return switch (attribute) {
            case "color" -> o.color();
            case "size" -> o.size();
            case "pattern" -> o.pattern();
            default -> o.shape();
        };
    }

    /** The value shared by every object the phrase picks out; "" when none matches, null when they differ. */
    private String sharedValue(Np np, String attribute) {
        String v = null;
        for (SceneObject o : np.select(s)) {
            String x = attr(o, attribute);
            if (v == null) {
                v = x;
            } else if (!v.equals(x)) {
                return null;
            }
        }
        return v == null ? "" : v;
    }

    /** Whether the objects of the phrase have the value; FALSE when the phrase picks out nothing. */
    private Verdict attrClaim(Np np, String value) {
        String attribute = Query.attributeOf(value);
        if (attribute == null) {
            return null;
        }
        String shared = sharedValue(np, attribute);
        if (shared == null) {
            return Verdict.UNKNOWN;
        }
        if (shared.isEmpty()) {
            return Verdict.FALSE;
        }
        return of(shared.equals(Query.valueOf(value)));
    }

    private static Verdict objectAttr(SceneObject o, String value) {
        String attribute = Query.attributeOf(value);
        if (attribute == null) {
            return null;
        }
        return of(attr(o, attribute).equals(Query.valueOf(value)));
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

    /** A relation between two phrases, each of which must pick out one object. */
    private Verdict relation(Np a, Relation rel, Np b) {
        List<SceneObject> as = a.select(s);
        List<SceneObject> bs = b.select(s);
        if (as.isEmpty() || bs.isEmpty()) {
            return Verdict.FALSE;
        }
        if (as.size() > 1 || bs.size() > 1) {
            return Verdict.UNKNOWN;
        }
        return rel.holds(as.get(0), bs.get(0));
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

    /** A weather or time-of-day word; null when the word is neither. */
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

    /** A caption's setting phrase: "on a snowy day", "at night", "in the evening", "in an indoor room". */
    private Verdict setting(String phrase) {
        if (phrase.equals("in an indoor room") || phrase.equals("indoors")) {
            return place("indoors");
        }
        if (phrase.equals("outdoors")) {
            return place("outdoors");
        }
        Verdict outdoors = place("outdoors");
        if (phrase.equals("at night")) {
            return and(outdoors, time("night"));
        }
        if (phrase.equals("in the evening") || phrase.equals("at sunset")) {
            return and(outdoors, time("evening"));
        }
        String w = phrase.substring(phrase.indexOf(' ', 3) + 1, phrase.length() - " day".length());
        if (!Vocab.WEATHER_WORDS.contains(w)) {
            return null;
        }
        return and(outdoors, and(weather(w), time("day")));
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
                    return of(q.a().count(s) == n);
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
                    return o == null ? Verdict.UNKNOWN : objectAttr(o, m.group(1));
                }
                return null;
            }
            case REGION_DESC -> {
                Np np = shortNp(a);
                if (np == null) {
                    return null;
                }
                SceneObject o = region(q.box());
                return o == null ? Verdict.UNKNOWN : of(np.matches(o));
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
                List<SceneObject> named = np.select(s);
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
                List<SceneObject> named = np.select(s);
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
        String shared = sharedValue(np, Query.attributeOf(value));
        if (shared == null || shared.isEmpty()) {
            return Verdict.UNKNOWN;
        }
        return of(shared.equals(Query.valueOf(value)));
    }

    /** The truth of a yes/no question. */
    private Verdict truth(Query q) {
        return switch (q.kind()) {
            case EXIST -> of(q.a().count(s) > 0);
            case ARE_COUNT -> of(q.a().count(s) == q.number());
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
                yield o == null ? Verdict.UNKNOWN : objectAttr(o, q.word());
            }
            default -> Verdict.UNKNOWN;
        };
    }

    // ------------------------------------------------------------------ sentences

    private Verdict sentences(Query q, String answer) {
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
                        Verdict truth = truth(q);
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
                }
            }
            Verdict v = claim(q, p);
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

    /** One declarative sentence (lowercase, no final period); UNKNOWN when it is not a claim the world can read. */
    Verdict claim(Query q, String p) {
        Matcher m;
        for (Map.Entry<String, String> e : Vocab.SCENERY.entrySet()) {
            if (stripEnd(e.getValue().toLowerCase(Locale.ROOT)).equals(p)) {
                return of(e.getKey().equals(s.background()));
            }
        }
        if ((m = NOT_SEE.matcher(p)).matches()) {
            Np np = Np.parse(m.group(1));
            return np == null ? Verdict.UNKNOWN : of(np.count(s) == 0);
        }
        if ((m = THERE.matcher(p)).matches() || (m = SEE.matcher(p)).matches()) {
            return list(m.group(1));
        }
        if ((m = REL_CLAIM.matcher(p)).matches()) {
            Np a = Np.parse(m.group(1));
            Np b = Np.parse(m.group(4));
            if (a == null || b == null) {
                return Verdict.UNKNOWN;
            }
            Verdict v = relation(a, Relation.byPhrase(m.group(3)), b);
            return m.group(2) != null ? not(v) : v;
        }
        if ((m = CMP.matcher(p)).matches()) {
            Np a = Np.parse(m.group(1));
            Np b = Np.parse(m.group(3));
            if (a == null || b == null) {
                return Verdict.UNKNOWN;
            }
            SceneObject x = unique(a);
            SceneObject y = unique(b);
            if (a.count(s) == 0 || b.count(s) == 0) {
                return Verdict.FALSE;
            }
            if (x == null || y == null) {
                return Verdict.UNKNOWN;
            }
            int cmp = Integer.compare(Vocab.sizeRank(x.size()), Vocab.sizeRank(y.size()));
            if (cmp == 0) {
                return Verdict.UNKNOWN;
            }
            return of((cmp > 0) == !m.group(2).equals("smaller"));
        }
        if ((m = HAS_PATTERN.matcher(p)).matches()) {
            if (!Vocab.PATTERNS.contains(m.group(2))) {
                return Verdict.UNKNOWN;
            }
            if (m.group(1) == null) {
                SceneObject o = it(q);
                return o == null ? Verdict.UNKNOWN : of(o.pattern().equals(m.group(2)));
            }
            Np np = Np.parse(m.group(1));
            return np == null ? Verdict.UNKNOWN : attrClaim(np, m.group(2));
        }
        if ((m = WEATHER_IS.matcher(p)).matches()) {
            return Vocab.WEATHER_WORDS.contains(m.group(1)) ? weather(m.group(1)) : Verdict.UNKNOWN;
        }
        if ((m = PLACE_CLAIM.matcher(p)).matches()) {
            return place(m.group(1));
        }
        if ((m = SHOWS.matcher(p)).matches()) {
            Verdict v = place(m.group(1).equals("indoor") ? "indoors" : "outdoors");
            if (m.group(2) != null) {
                Verdict set = setting(m.group(2));
                v = and(v, set == null ? Verdict.UNKNOWN : set);
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
            Np np = Np.parse(m.group(2));
            if (np == null) {
                return Verdict.UNKNOWN;
            }
            List<SceneObject> hits = np.select(s);
            if (hits.isEmpty()) {
                return Verdict.FALSE;
            }
            if (hits.size() > 1) {
                return Verdict.UNKNOWN;
            }
            SceneObject o = hits.get(0);
            int sign = m.group(1).equals("smallest") ? -1 : 1;
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
        if ((m = OTHERS.matcher(p)).matches()) {
            int n = m.group(1) == null ? 1 : Vocab.parseCount(m.group(1));
            if (n < 0) {
                return Verdict.UNKNOWN;
            }
            if (n != s.objects().size() - 1) {
                return Verdict.FALSE;
            }
            // "the other objects are smaller": true when one object is strictly the largest
            int sign = m.group(2).equals("smaller") ? 1 : -1;
            int extreme = sign > 0 ? -1 : 99;
            int atExtreme = 0;
            for (SceneObject x : s.objects()) {
                int r = Vocab.sizeRank(x.size());
                if (sign * r > sign * extreme) {
                    extreme = r;
                    atExtreme = 1;
                } else if (r == extreme) {
                    atExtreme++;
                }
            }
            return atExtreme == 1 ? Verdict.TRUE : Verdict.UNKNOWN;
        }
        if ((m = REMOVE.matcher(p)).matches()) {
            Np np = Np.parse(m.group(1));
            int n = Vocab.parseCount(m.group(2));
            if (np == null || n < 0) {
                return Verdict.UNKNOWN;
            }
            return of(s.objects().size() - np.count(s) == n);
        }
        if ((m = MODE.matcher(p)).matches()) {
            String c = Query.valueOf(m.group(1));
            if (!Vocab.COLORS.contains(c)) {
                return Verdict.UNKNOWN;
            }
            int mine = new Np(null, null, c, null, true).count(s);
            int best = 0;
            int atBest = 0;
            for (String other : Vocab.COLORS) {
                int k = new Np(null, null, other, null, true).count(s);
                if (k > best) {
                    best = k;
                    atBest = 1;
                } else if (k == best) {
                    atBest++;
                }
            }
            return mine < best ? Verdict.FALSE : atBest == 1 ? Verdict.TRUE : Verdict.UNKNOWN;
        }
        if ((m = REGION_IS.matcher(p)).matches()) {
            SceneObject o = it(q);
            Verdict v = o == null ? null : objectAttr(o, m.group(1));
            return v == null ? Verdict.UNKNOWN : v;
        }
        if ((m = REGION_CONTAINS.matcher(p)).matches()) {
            SceneObject o = it(q);
            Np np = shortNp(m.group(1));
            return o == null || np == null ? Verdict.UNKNOWN : of(np.matches(o));
        }
        if ((m = IT_IS.matcher(p)).matches()) {
            Verdict bg = backgroundWord(m.group(1));
            if (bg != null) {
                return bg;
            }
            SceneObject o = it(q);
            Verdict v = o == null ? null : objectAttr(o, m.group(1));
            return v == null ? Verdict.UNKNOWN : v;
        }
        if ((m = ATTR_CLAIM.matcher(p)).matches()) {
            Np np = Np.parse(m.group(1));
            Verdict v = np == null ? null : attrClaim(np, m.group(2));
            return v == null ? Verdict.UNKNOWN : v;
        }
        if ((m = CAPTION.matcher(p)).matches()) {
            Verdict set = setting(m.group(2));
            if (set == null) {
                return Verdict.UNKNOWN;
            }
            return and(list(m.group(1)), set);
        }
        if (q != null && q.kind() == Query.Kind.REGION_DESC) {
            Np np = shortNp(p);
            SceneObject o = it(q);
            if (np != null && o != null) {
                return of(np.matches(o));
            }
        }
        return Verdict.UNKNOWN;
    }

    /** "a large red circle, two blue squares and no stars": every item's count must hold. */
    private Verdict list(String text) {
        List<String> items = new ArrayList<>(List.of(LIST_SPLIT.split(text)));
        Verdict all = Verdict.TRUE;
        for (String item : items) {
            String t = item.trim();
            int sp = t.indexOf(' ');
            String quant = sp < 0 ? "" : t.substring(0, sp);
            Np np;
            Verdict v;
            int n = Vocab.parseCount(quant);
            if (quant.equals("a") || quant.equals("an") || quant.equals("some")) {
                np = Np.parse(t.substring(sp + 1));
                v = np == null ? null : of(np.count(s) >= 1);
            } else if (quant.equals("several") || quant.equals("many")) {
                np = Np.parse(t.substring(sp + 1));
                v = np == null ? null : of(np.count(s) >= 2);
            } else if (n >= 0) {
                np = Np.parse(t.substring(sp + 1));
                v = np == null ? null : of(np.count(s) == n);
            } else {
                np = Np.parse(t);
                v = np == null || !np.plural() ? null : of(np.count(s) >= 1);
            }
            if (v == null) {
                return Verdict.UNKNOWN;
            }
            all = and(all, v);
        }
        return all;
    }
}
