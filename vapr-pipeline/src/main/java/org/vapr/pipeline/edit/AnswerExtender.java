package org.vapr.pipeline.edit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns short answers into sentences offline, by templates on the question (paper §3.2: binary questions
 * "are converted into extended natural language responses"). Yes/no answers are always extended, keeping the
 * polarity and restating the question as a clause ("Is there a red circle in the image?" + "No" → "No, there
 * is no red circle in the image."); when no template parses the question the answer becomes "Yes, that is
 * correct." / "No, that is not correct." (counted as {@code yes_no_fallback}).
 *
 * <p>Other short answers ("3", "Red", "Left") are extended too when {@code extendShort} is on, which is the
 * builder's default: a one-token pair ("3" vs "5") gives DPO a single-token contrast with no context, so the
 * policy can lower the rejected token's prior without looking at the image; a sentence that restates the
 * question ("There are 3 red circles in the image.") ties the contrasted span to the objects it is about and
 * matches the sentence-style answers the model is evaluated on, while chosen and rejected still differ only in
 * that span. Short answers no template fits are kept as they are ({@code short_kept}).
 */
public final class AnswerExtender {

    /** How an answer was (or was not) extended; the id is the manifest key. */
    public enum Kind {
        YES_NO_TEMPLATE("yes_no_template"), YES_NO_FALLBACK("yes_no_fallback"), SHORT_TEMPLATE("short_template"),
        SHORT_KEPT("short_kept"), SENTENCE("sentence");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * An extended answer.
     *
     * @param text the answer to use as chosen
     * @param kind how it was made
     */
    public record Extension(String text, Kind kind) {
    }

    private static final int CI = Pattern.CASE_INSENSITIVE;
    private static final Set<String> PRONOUNS = Set.of("it", "he", "she", "they", "i", "you", "we");
    private static final Set<String> DEMONSTRATIVES = Set.of("this", "that", "these", "those");
    private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "his", "her", "their", "its", "my", "your",
            "our", "some", "any", "both", "all", "each", "every");
    private static final Set<String> ARTICLES = Set.of("a", "an", "the");
    private static final Set<String> PREDICATE_STARTERS = Set.of("to", "on", "in", "at", "above", "below", "under",
            "behind", "near", "next", "beside", "inside", "outside", "between", "over", "underneath", "beneath", "by",
            "from", "with", "into", "onto", "against", "along", "across", "around", "off", "out", "up", "down",
            "made", "taken", "parked", "covered", "filled", "painted", "turned", "lit", "open", "closed", "empty",
            "full", "a", "an", "more", "less", "not", "very", "too", "so", "real", "visible", "present", "indoors",
            "outdoors", "shown", "located", "closer", "farther", "same", "far", "close", "away", "further", "nearer");
    private static final Set<String> VERBS = Set.of("have", "look", "appear", "seem", "contain", "show", "belong", "need",
            "hold", "wear", "face", "match", "go", "stand", "sit", "lie", "cast", "make", "want", "like", "use", "carry",
            "feature", "depict", "see", "reach", "fit", "include", "be", "get", "play", "ride", "eat", "run", "walk",
            "fly", "swim", "move", "work", "come", "represent", "cover", "touch", "exist");
    private static final Set<String> MASS_NOUNS = Set.of("water", "food", "grass", "snow", "sand", "pizza", "bread",
            "meat", "rice", "coffee", "tea", "milk", "wine", "beer", "juice", "soup", "salad", "cheese", "broccoli",
            "paper", "wood", "metal", "plastic", "glass", "stone", "brick", "concrete", "dirt", "ice", "hair", "fruit",
            "luggage", "furniture", "traffic", "cake");
    private static final Pattern YES_NO = Pattern.compile("^\\s*(yes|no)\\s*[.!]?\\s*$", CI);
    private static final Pattern HAS_LOCATION = Pattern.compile(
            "\\b(in|on|at|near|under|behind|above|below|inside|outside|beside|next to|to the|around|by|of the image)\\b", CI);

    private final boolean extendShort;
    private final List<Template> shortTemplates = new ArrayList<>();

    private record Template(Pattern pattern, BiFunction<Matcher, String, String> build) {
    }

    /** @param extendShort whether to extend short non-yes/no answers too (default of the builder: true) */
    public AnswerExtender(boolean extendShort) {
        this.extendShort = extendShort;
        buildShortTemplates();
    }

    /** Extends one answer to a question (the clean prompt). */
    public Extension extend(String prompt, String answer) {
        String a = answer.strip();
        Matcher yn = YES_NO.matcher(a);
        String q = lastQuestion(prompt);
        if (yn.matches()) {
            boolean yes = yn.group(1).equalsIgnoreCase("yes");
            String s = yesNo(q, yes);
            if (s != null) {
                return new Extension(s, Kind.YES_NO_TEMPLATE);
            }
            return new Extension(yes ? "Yes, that is correct." : "No, that is not correct.", Kind.YES_NO_FALLBACK);
        }
        if (!isShort(a)) {
            return new Extension(answer, Kind.SENTENCE);
        }
        if (!extendShort) {
            return new Extension(answer, Kind.SHORT_KEPT);
        }
        String ans = a.replaceAll("[.!]+$", "").strip();
        for (Template t : shortTemplates) {
            Matcher m = t.pattern().matcher(q);
            if (m.matches()) {
                String s = t.build().apply(m, ans);
                if (s != null) {
                    return new Extension(finish(s), Kind.SHORT_TEMPLATE);
                }
            }
        }
        return new Extension(answer, Kind.SHORT_KEPT);
    }

    /** Short = at most four words and not itself a sentence (no finite verb such as "is" in "It is night."). */
    static boolean isShort(String a) {
        String t = a.strip();
        if (t.isEmpty() || t.length() > 40) {
            return false;
        }
        String[] words = t.replaceAll("[.!]+$", "").split("\\s+");
        if (words.length > 4 || t.contains(",")) {
            return false;
        }
        for (String w : words) {
            if (FINITE_VERBS.contains(w.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private static final Set<String> FINITE_VERBS = Set.of("is", "are", "was", "were", "am", "has", "have", "had",
            "can", "does", "do", "did", "will", "it's", "there's", "they're", "shows", "looks", "contains", "appears");

    private static String lastQuestion(String prompt) {
        String q = prompt.strip();
        int nl = q.lastIndexOf('\n');
        if (nl >= 0 && nl < q.length() - 1) {
            q = q.substring(nl + 1).strip();
        }
        String[] parts = q.split("(?<=[.!])\\s+");
        q = parts[parts.length - 1];
        return q.replaceAll("\\?[^\\p{L}\\p{N}]*$", "").replaceAll("[?\\s]+$", "").strip();
    }

    // ---------------------------------------------------------------------------------------- yes / no

    private static String yesNo(String q, boolean yes) {
        List<String> w = new ArrayList<>(Arrays.asList(q.split("\\s+")));
        if (w.size() < 2) {
            return null;
        }
        String first = lower(w.get(0));
        String lead = yes ? "Yes, " : "No, ";
        // existence: Is there / Are there
        if (Set.of("is", "are", "was", "were").contains(first) && lower(w.get(1)).equals("there") && w.size() > 2) {
            return lead + thereClause(first, w.subList(2, w.size()), yes) + ".";
        }
        // existence: Do you see / Can you see
        if (Set.of("do", "can", "could").contains(first) && lower(w.get(1)).equals("you") && w.size() > 3
                && Set.of("see", "spot", "find", "notice").contains(lower(w.get(2)))) {
            List<String> x = w.subList(3, w.size());
            String x0 = lower(x.get(0));
            if (x0.equals("the") || DEMONSTRATIVES.contains(x0)) {
                return lead + "I " + (yes ? "" : "do not ") + "see " + String.join(" ", x) + ".";
            }
            boolean plural = x0.equals("any") || x0.equals("some") || Inflection.looksPlural(x.get(x.size() - 1))
                    && !Set.of("a", "an", "one").contains(x0);
            return lead + thereClause(plural ? "are" : "is", x, yes) + ".";
        }
        if (Set.of("is", "are", "was", "were").contains(first)) {
            int end = subjectEnd(w, 1, false);
            if (end <= 1 || end >= w.size()) {
                return null;
            }
            String subj = subject(w, 1, end);
            String pred = String.join(" ", w.subList(end, w.size()));
            return lead + subj + " " + first + (yes ? " " : " not ") + pred + ".";
        }
        if (Set.of("does", "do", "did").contains(first)) {
            int end = subjectEnd(w, 1, true);
            if (end <= 1 || end >= w.size()) {
                return null;
            }
            String subj = subject(w, 1, end);
            String verb = w.get(end);
            String rest = end + 1 < w.size() ? " " + String.join(" ", w.subList(end + 1, w.size())) : "";
            String vp;
            if (yes) {
                vp = first.equals("does") ? Inflection.thirdPerson(verb) : first.equals("did") ? "did " + verb : verb;
            } else {
                vp = first + " not " + verb;
            }
            return lead + subj + " " + vp + rest + ".";
        }
        if (Set.of("can", "could", "will", "would", "should", "has", "have", "had", "may", "might", "must").contains(first)) {
            int end = subjectEnd(w, 1, true);
            if (end <= 1 || end >= w.size()) {
                return null;
            }
            String subj = subject(w, 1, end);
            String rest = String.join(" ", w.subList(end, w.size()));
            String aux = yes ? first : first.equals("can") ? "cannot" : first + " not";
            return lead + subj + " " + aux + " " + rest + ".";
        }
        return null;
    }

    private static String thereClause(String aux, List<String> x, boolean yes) {
        String auxL = lower(aux);
        boolean singular = auxL.equals("is") || auxL.equals("was");
        List<String> words = new ArrayList<>(x);
        String x0 = lower(words.get(0));
        String loc = HAS_LOCATION.matcher(String.join(" ", words)).find() ? "" : " in the image";
        if (yes) {
            if (x0.equals("any") && words.size() > 1) {
                words.remove(0);
            }
        } else if (singular) {
            if (Set.of("a", "an", "one", "any").contains(x0)) {
                words.set(0, "no");
            } else {
                words.add(0, "no");
            }
        } else {
            if (Set.of("any", "some").contains(x0)) {
                words.set(0, "no");
            } else if (Set.of("both", "either", "many", "more", "several").contains(x0) || Vocabulary.numberValue(x0) >= 0) {
                words.add(0, "not");
            } else {
                words.add(0, "no");
            }
        }
        return "there " + auxL + " " + String.join(" ", words) + loc;
    }

    /** Index of the first predicate word after the subject that starts at {@code s}. */
    private static int subjectEnd(List<String> w, int s, boolean verbMode) {
        int n = w.size();
        String f = lower(w.get(s));
        if (PRONOUNS.contains(f)) {
            return s + 1;
        }
        if (DEMONSTRATIVES.contains(f)) {
            if (n - (s + 1) >= 2 && !ARTICLES.contains(lower(w.get(s + 1))) && !isStarter(w, s + 1)
                    && !(verbMode && VERBS.contains(lower(w.get(s + 1))))) {
                return s + 2;
            }
            return s + 1;
        }
        int head = DETERMINERS.contains(f) ? s + 1 : s;
        if (verbMode) {
            for (int k = head + 1; k < n; k++) {
                if (VERBS.contains(lower(w.get(k)))) {
                    return k;
                }
            }
            return Math.min(head + 1, n - 1);
        }
        for (int k = head + 1; k < n; k++) {
            if (isStarter(w, k)) {
                return k;
            }
        }
        if (n - 2 > head + 1 && Set.of("and", "or").contains(lower(w.get(n - 2)))) {
            return n - 3;
        }
        return Math.max(head + 1, n - 1);
    }

    private static boolean isStarter(List<String> w, int k) {
        String x = lower(w.get(k));
        if (PREDICATE_STARTERS.contains(x) || (x.endsWith("ing") && x.length() > 4)) {
            return true;
        }
        if (Vocabulary.contains(Vocabulary.Kind.COLOR, x) || Vocabulary.contains(Vocabulary.Kind.SIZE, x)) {
            return k == w.size() - 1 || Set.of("and", "or", "in", ",").contains(lower(w.get(k + 1)));
        }
        return false;
    }

    private static String subject(List<String> w, int from, int to) {
        List<String> s = new ArrayList<>(w.subList(from, to));
        if (!s.get(0).equals("I")) {
            s.set(0, Inflection.decapitalize(s.get(0)));
        }
        return String.join(" ", s);
    }

    private static String lower(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return !l.isEmpty() && ",;:".indexOf(l.charAt(l.length() - 1)) >= 0 ? l.substring(0, l.length() - 1) : l;
    }

    // ---------------------------------------------------------------------------------------- short answers

    private void add(String regex, BiFunction<Matcher, String, String> build) {
        shortTemplates.add(new Template(Pattern.compile(regex, CI), build));
    }

    private void buildShortTemplates() {
        String loc = "(\\s+(?:in|on|at)\\s+(?:the|this)\\s+(?:image|picture|photo|photograph|scene))?";
        add("how many (.+?) (?:are|is) there" + loc, (m, a) -> thereAre(a, m.group(1), m.group(2)));
        add("how many (.+?) (?:are|is) there (.+)", (m, a) -> thereAre(a, m.group(1), " " + m.group(2)));
        add("how many (.+?) can (?:you see|be seen)" + loc, (m, a) -> thereAre(a, m.group(1), m.group(2)));
        add("what is the (?:total )?number of (.+?)" + loc, (m, a) -> thereAre(a, m.group(1), m.group(2)));
        add("how many (.+?) (are|were) (.+)", (m, a) -> countSubject(a, m.group(1), m.group(3)));
        add("how many ([\\w-]+(?: [\\w-]+){0,2})", (m, a) -> thereAre(a, m.group(1), null));
        add("what colou?r (?:is|are) (the .+?|his .+?|her .+?|their .+?|its .+?)" + loc,
                (m, a) -> Inflection.capitalize(m.group(1)) + " " + copula(m.group(1)) + " " + word(a) + opt(m.group(2)));
        add("what is the colou?r of (.+?)" + loc, (m, a) -> "The color of " + m.group(1) + " is " + word(a) + opt(m.group(2)));
        add("what size is (the .+?)" + loc, (m, a) -> Inflection.capitalize(m.group(1)) + " is " + word(a) + opt(m.group(2)));
        add("(?:is|are) (the .+?) ([\\w-]+), ([\\w-]+),? or ([\\w-]+)", (m, a) -> oneOf(a, m.group(2), m.group(3), m.group(4))
                ? Inflection.capitalize(m.group(1)) + " " + copula(m.group(1)) + " " + word(a) : null);
        add("which (?:one )?is (bigger|smaller|larger|taller|shorter|longer), (the .+?) or (the .+?)",
                (m, a) -> withThe(a) + " is " + m.group(1));
        add("which side (?:of the (?:image|picture|photo) )?(?:is|are) (the .+?) on", (m, a) -> side(a) == null ? null
                : Inflection.capitalize(m.group(1)) + " " + copula(m.group(1)) + " on the " + side(a));
        add("(?:is|are) (the .+?) (?:to the |on the )?(left|right) or (?:to the |on the )?(left|right) of (.+)",
                (m, a) -> side(a) == null ? null
                        : Inflection.capitalize(m.group(1)) + " " + copula(m.group(1)) + " to the " + side(a) + " of " + m.group(4));
        add("where (?:is|are) (the .+?) (?:relative|in relation|compared) to (.+)", (m, a) -> relation(a) == null ? null
                : Inflection.capitalize(m.group(1)) + " " + copula(m.group(1)) + " " + relation(a) + " " + m.group(2));
        add("what (?:is|are) (to the left of|to the right of|above|below|under|behind|beside|next to|on top of|in front of|near) (.+)",
                (m, a) -> withThe(a) + " is " + m.group(1) + " " + m.group(2));
        add("what shape (?:is|does) (the .+?)(?: have)?", (m, a) -> Inflection.capitalize(m.group(1)) + " is "
                + Inflection.article(word(a)) + " " + word(a));
        add("what pattern does (the .+?) have", (m, a) -> Inflection.capitalize(m.group(1)) + " has "
                + Inflection.article(word(a)) + " " + word(a) + " pattern");
        add("what (?:kind|type|sort) of (shape|object|animal|pattern) (?:is|are) (.+)", (m, a) -> "The " + m.group(1)
                + " " + m.group(2) + " is " + withArticle(a));
        add("what is the weather like(.*)", (m, a) -> "The weather is " + word(a) + m.group(1));
        add("how is the weather(.*)", (m, a) -> "The weather is " + word(a) + m.group(1));
        add("what time of (?:the )?day is it(.*)", (m, a) -> "It is " + word(a) + m.group(1));
        add("what season is it(.*)", (m, a) -> "It is " + word(a) + m.group(1));
        add("(?:what|which) (?:room|place) is (?:this|it)", (m, a) -> "This is " + withArticle(a));
        add("what (?:animal|vehicle|fruit|object) is (?:this|that|it)", (m, a) -> "This is " + withArticle(a));
        add("what (?:is|are) (the .+?) (doing)", (m, a) -> Inflection.capitalize(m.group(1)) + " " + copula(m.group(1))
                + " " + word(a));
        add("what (?:is|are) (the .+?) (holding|wearing|eating|drinking|carrying|riding|playing|using|reading|watching)",
                (m, a) -> Inflection.capitalize(m.group(1)) + " " + copula(m.group(1)) + " " + m.group(2) + " " + withArticle(a));
        add("what (?:is|are) (the .+?) made of", (m, a) -> Inflection.capitalize(m.group(1)) + " " + copula(m.group(1))
                + " made of " + word(a));
        add("who is (.+)", (m, a) -> withThe(a) + " is " + m.group(1));
        add("(?:is|are|was|were) (.+?) or (.+)", this::choice);
    }

    private String choice(Matcher m, String a) {
        String q = m.group(0);
        List<String> w = new ArrayList<>(Arrays.asList(q.split("\\s+")));
        String aux = lower(w.get(0));
        List<String> left = Arrays.asList(m.group(1).split("\\s+"));
        List<String> right = Arrays.asList(m.group(2).split("\\s+"));
        if (right.size() >= left.size() || right.size() > 3) {
            return null;
        }
        String optA = String.join(" ", left.subList(left.size() - right.size(), left.size()));
        String optB = String.join(" ", right);
        String ans = stripThe(a);
        String chosen;
        if (ans.equalsIgnoreCase(optA) || ans.equalsIgnoreCase(stripThe(optA))) {
            chosen = optA;
        } else if (ans.equalsIgnoreCase(optB) || ans.equalsIgnoreCase(stripThe(optB))) {
            chosen = optB;
        } else {
            return null;
        }
        List<String> head = new ArrayList<>();
        head.add(w.get(0));
        head.addAll(left.subList(0, left.size() - right.size()));
        head.add("X");
        int end = subjectEnd(head, 1, false);
        if (end <= 1 || end > head.size() - 1) {
            return null;
        }
        String subj = subject(head, 1, end);
        String mid = String.join(" ", head.subList(end, head.size() - 1));
        return Inflection.capitalize(subj) + " " + aux + " " + (mid.isEmpty() ? "" : mid + " ") + chosen;
    }

    private static String thereAre(String a, String things, String where) {
        int v = Vocabulary.numberValue(a);
        if (v < 0) {
            return null;
        }
        String loc = where == null || where.isBlank() ? " in the image" : where;
        if (v == 1) {
            return "There is " + a + " " + singularPhrase(things) + loc;
        }
        return "There are " + a + " " + things + loc;
    }

    private static String countSubject(String a, String things, String rest) {
        int v = Vocabulary.numberValue(a);
        if (v < 0 || lower(rest).startsWith("there")) {
            return null;
        }
        if (v == 1) {
            return Inflection.capitalize(a) + " " + singularPhrase(things) + " is " + rest;
        }
        return Inflection.capitalize(a) + " " + things + " are " + rest;
    }

    private static String singularPhrase(String things) {
        int sp = things.lastIndexOf(' ');
        return sp < 0 ? Inflection.singular(things) : things.substring(0, sp + 1) + Inflection.singular(things.substring(sp + 1));
    }

    private static String copula(String subject) {
        String[] w = subject.strip().split("\\s+");
        return Inflection.looksPlural(w[w.length - 1]) ? "are" : "is";
    }

    private static String side(String a) {
        String x = lower(stripThe(a.replaceAll("(?i)^(to|on) the ", "")));
        return x.equals("left") || x.equals("right") ? x : null;
    }

    private static String relation(String a) {
        String x = lower(a).replaceAll("\\s+", " ");
        if (x.equals("left") || x.equals("right")) {
            return "to the " + x + " of";
        }
        if (x.equals("to the left") || x.equals("to the right")) {
            return x + " of";
        }
        if (Set.of("above", "below", "behind", "beside", "under", "underneath", "beneath", "near", "in front of",
                "next to", "on top of", "to the left of", "to the right of", "far from", "far away from").contains(x)) {
            return x;
        }
        return null;
    }

    private static boolean oneOf(String a, String... options) {
        for (String o : options) {
            if (o.equalsIgnoreCase(a)) {
                return true;
            }
        }
        return false;
    }

    /** A vocabulary word in lowercase; anything else as written. */
    private static String word(String a) {
        String[] w = a.split("\\s+");
        for (String x : w) {
            String l = x.toLowerCase(Locale.ROOT);
            boolean known = Vocabulary.numberValue(l) >= 0;
            for (Vocabulary.Kind k : Vocabulary.Kind.values()) {
                known |= Vocabulary.contains(k, l);
            }
            if (!known && !x.equals(l)) {
                return a;
            }
        }
        return a.toLowerCase(Locale.ROOT);
    }

    private static String stripThe(String a) {
        return a.replaceAll("(?i)^(the|a|an)\\s+", "");
    }

    private static String withThe(String a) {
        if (a.matches("(?i)^(the|a|an)\\s+.*")) {
            return Inflection.capitalize(word(a));
        }
        return "The " + word(a);
    }

    private static String withArticle(String a) {
        String x = word(a);
        if (x.matches("(?i)^(the|a|an|some|two|three|\\d+)\\s+.*") || x.contains(" ") || Inflection.looksPlural(x)
                || MASS_NOUNS.contains(x.toLowerCase(Locale.ROOT)) || x.endsWith("ing")) {
            return x;
        }
        return Inflection.article(x) + " " + x;
    }

    private static String opt(String s) {
        return s == null ? "" : s;
    }

    private static String finish(String s) {
        String t = Inflection.capitalize(s.strip().replaceAll("\\s+", " "));
        return t.endsWith(".") ? t : t + ".";
    }
}
