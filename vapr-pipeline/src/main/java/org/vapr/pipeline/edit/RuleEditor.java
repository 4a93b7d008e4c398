package org.vapr.pipeline.edit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vapr.core.Category;
import org.vapr.pipeline.edit.Vocabulary.Hit;
import org.vapr.pipeline.edit.Vocabulary.Kind;

/**
 * The offline hard-negative editor: per category a minimal span edit that makes the answer wrong and keeps its
 * wording and length. Counting changes a number (digits stay digits, words stay words; going from 1 to many
 * fixes "is/are" and the noun's number); color, size, spatial relation, object/shape/pattern/action/material
 * and background swap a vocabulary phrase for an incompatible one; existence and any yes/no answer flip
 * polarity with the clause kept consistent; referential swaps an attribute (color, shape, pattern, size) of
 * the described region; captioning and reasoning make 2–4 consistent local edits (the same replacement
 * wherever the same word recurs). Case is preserved, "a"/"an" fixed, and the words of the question are
 * avoided as edit targets when the answer has others. Choices are random with the request's seed, avoiding
 * the penalised values.
 */
public final class RuleEditor implements Editor {
    /** Name recorded in {@code edit.editor}. */
    public static final String NAME = "rules";
    /** Rule-set name recorded in {@code edit.model}. */
    public static final String MODEL = "vapr-rules-1";

    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.,-])(\\d{1,6}|" + String.join("|", Vocabulary.NUMBER_WORDS)
            + ")(?![\\w-]|[.,]\\d)(?!\\s+of\\b)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ARTICLE_BEFORE = Pattern.compile("(?i)\\b(a|an)\\s+$");
    private static final Pattern NOUN_AFTER = Pattern.compile(
            "^\\s+(?:[\\w-]+\\s+){0,3}?([\\w-]+)(?=\\s+(?:in|on|at|to|and|that|which|is|are|was|were|with|of|near|under|"
                    + "behind|next|from|by|visible|there)\\b|\\s*[.,;!?]|\\s*$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BE_BEFORE = Pattern.compile("(?i)\\b(is|was)\\s+$");
    private static final Pattern BE_AFTER = Pattern.compile("(?i)^\\s+(is|was)\\b");
    private static final int MULTI_EDIT_BUDGET = 8;
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Lowercase words a replacement may use, or null: every replacement of the word lists. */
    private final Set<String> words;

    /** An editor drawing replacements from its full word lists. */
    public RuleEditor() {
        this.words = null;
    }

    private RuleEditor(Set<String> words) {
        this.words = Set.copyOf(words);
    }

    /**
     * An editor whose replacement phrases use only these words (compared lowercase), e.g. the words of the corpus
     * being edited: a replacement the corpus never uses ("orange" in a world of six other colors) is an easy
     * negative, not a hard one. Where no listed replacement qualifies, the full list is used.
     */
    public static RuleEditor restrictedTo(Collection<String> words) {
        Set<String> lower = new HashSet<>();
        for (String w : words) {
            lower.add(w.toLowerCase(Locale.ROOT));
        }
        return new RuleEditor(lower);
    }

    /** The replacements whose every word is allowed, or all of them when none is (or no restriction is set). */
    private List<String> allowed(List<String> alternatives) {
        if (words == null) {
            return alternatives;
        }
        List<String> ok = alternatives.stream().filter(a -> {
            for (String w : NON_WORD.split(a.toLowerCase(Locale.ROOT))) {
                if (!w.isEmpty() && !words.contains(w)) {
                    return false;
                }
            }
            return true;
        }).toList();
        return ok.isEmpty() ? alternatives : ok;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public EditProposal propose(EditRequest r) {
        SplittableRandom rng = new SplittableRandom(r.seed());
        String text = r.chosen();
        List<String> values = new ArrayList<>();
        TextEdit e = null;
        Category c = r.category();
        if (Polarity.isYesNo(text) || c == Category.EXISTENCE) {
            e = Polarity.flip(text);
            if (e != null) {
                values.add(Polarity.isYesNo(text) && text.strip().toLowerCase(Locale.ROOT).startsWith("yes") ? "no" : "yes");
            }
        } else {
            e = switch (c) {
                case COUNTING -> number(text, r.prompt(), rng, r.avoid(), values);
                case COLOR -> swap(text, r.prompt(), List.of(Kind.COLOR), rng, r.avoid(), values);
                case SPATIAL -> swap(text, r.prompt(), List.of(Kind.SPATIAL), rng, r.avoid(), values);
                case SIZE -> swap(text, r.prompt(), List.of(Kind.SIZE), rng, r.avoid(), values);
                case OBJECT -> swap(text, r.prompt(), List.of(Kind.OBJECT), rng, r.avoid(), values);
                case BACKGROUND -> swap(text, r.prompt(), List.of(Kind.BACKGROUND), rng, r.avoid(), values);
                case REFERENTIAL -> referential(text, r.prompt(), rng, r.avoid(), values);
                case CAPTIONING, REASONING -> multi(text, rng, r.avoid(), values);
                case EXISTENCE -> null;
            };
        }
        if (e == null || e.isEmpty()) {
            return EditProposal.failed("no " + c.id() + " span to edit");
        }
        TextEdit.Result res = e.apply();
        return EditProposal.of(res.text(), res.spans(), values);
    }

    // ------------------------------------------------------------------------------------------- swaps

    private TextEdit swap(String text, String prompt, List<Kind> kinds, SplittableRandom rng,
                                 Collection<String> avoid, List<String> values) {
        List<Hit> hits = new ArrayList<>();
        for (Kind k : kinds) {
            hits.addAll(Vocabulary.find(text, k));
        }
        if (hits.isEmpty()) {
            return null;
        }
        List<Hit> preferred = notInPrompt(hits, prompt);
        Hit h = preferred.get(rng.nextInt(preferred.size()));
        List<String> present = hits.stream().map(Hit::key).toList();
        List<String> candidates = allowed(h.alternatives());
        List<String> alts = candidates.stream().filter(a -> !present.contains(a)).toList();
        if (alts.isEmpty()) {
            alts = candidates;
        }
        String alt = pick(alts, avoid, rng);
        TextEdit e = new TextEdit(text);
        replaceWord(e, text, h, alt);
        values.add(alt);
        return e;
    }

    private TextEdit referential(String text, String prompt, SplittableRandom rng, Collection<String> avoid,
                                        List<String> values) {
        List<Kind> present = new ArrayList<>();
        for (Kind k : List.of(Kind.COLOR, Kind.SHAPE, Kind.PATTERN, Kind.SIZE)) {
            if (!Vocabulary.find(text, k).isEmpty()) {
                present.add(k);
            }
        }
        if (present.isEmpty()) {
            for (Kind k : List.of(Kind.OBJECT, Kind.SPATIAL, Kind.BACKGROUND)) {
                if (!Vocabulary.find(text, k).isEmpty()) {
                    present.add(k);
                    break;
                }
            }
        }
        if (present.isEmpty()) {
            return number(text, prompt, rng, avoid, values);
        }
        return swap(text, prompt, List.of(present.get(rng.nextInt(present.size()))), rng, avoid, values);
    }

    private static List<Hit> notInPrompt(List<Hit> hits, String prompt) {
        String p = " " + NON_WORD.matcher(prompt.toLowerCase(Locale.ROOT)).replaceAll(" ") + " ";
        List<Hit> out = hits.stream().filter(h -> !p.contains(" " + h.key() + " ")).toList();
        return out.isEmpty() ? hits : out;
    }

    private static void replaceWord(TextEdit e, String text, Hit h, String alt) {
        String rep = Inflection.matchCase(h.text().split("\\s+")[0], alt);
        if (e.replace(h.start(), h.end(), rep)) {
            fixArticle(e, text, h.start(), alt);
        }
    }

    private static void fixArticle(TextEdit e, String text, int wordStart, String newWord) {
        Matcher m = ARTICLE_BEFORE.matcher(text.substring(Math.max(0, wordStart - 4), wordStart));
        if (m.find()) {
            int base = Math.max(0, wordStart - 4);
            String want = Inflection.article(newWord);
            if (!m.group(1).equalsIgnoreCase(want)) {
                e.replace(base + m.start(1), base + m.end(1), Inflection.matchCase(m.group(1), want));
            }
        }
    }

    static String pick(List<String> alts, Collection<String> avoid, SplittableRandom rng) {
        List<String> ok = alts.stream().filter(a -> !avoid.contains(a)).toList();
        List<String> from = ok.isEmpty() ? alts : ok;
        return from.get(rng.nextInt(from.size()));
    }

    // ------------------------------------------------------------------------------------------- numbers

    private static TextEdit number(String text, String prompt, SplittableRandom rng, Collection<String> avoid,
                                   List<String> values) {
        List<int[]> hits = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            hits.add(new int[] {m.start(1), m.end(1)});
        }
        if (hits.isEmpty()) {
            return null;
        }
        String p = " " + NON_WORD.matcher(prompt.toLowerCase(Locale.ROOT)).replaceAll(" ") + " ";
        List<int[]> preferred = hits.stream()
                .filter(h -> !p.contains(" " + text.substring(h[0], h[1]).toLowerCase(Locale.ROOT) + " ")).toList();
        if (preferred.isEmpty()) {
            preferred = hits;
        }
        int[] h = preferred.get(rng.nextInt(preferred.size()));
        String token = text.substring(h[0], h[1]);
        int v = Vocabulary.numberValue(token);
        boolean word = !Character.isDigit(token.charAt(0));
        List<String> alts = new ArrayList<>();
        if (v >= 2) {
            for (int x = Math.max(2, v - 2); x <= v + 3; x++) {
                if (x != v) {
                    alts.add(word && x <= 20 ? Vocabulary.NUMBER_WORDS.get(x) : Integer.toString(x));
                }
            }
        } else {
            for (int x = 2; x <= 4; x++) {
                alts.add(word ? Vocabulary.NUMBER_WORDS.get(x) : Integer.toString(x));
            }
        }
        String alt = pick(alts, avoid, rng);
        TextEdit e = new TextEdit(text);
        e.replace(h[0], h[1], Inflection.matchCase(token, alt));
        values.add(alt);
        if (v == 1) {
            Matcher before = BE_BEFORE.matcher(text.substring(0, h[0]));
            boolean beBefore = before.find();
            if (beBefore) {
                e.replace(before.start(1), before.end(1), plural(before.group(1)));
            }
            Matcher noun = NOUN_AFTER.matcher(text.substring(h[1]));
            if (noun.find()) {
                int ns = h[1] + noun.start(1);
                int ne = h[1] + noun.end(1);
                String n = noun.group(1);
                if (!Inflection.looksPlural(n)) {
                    e.replace(ns, ne, Inflection.plural(n));
                }
                Matcher after = BE_AFTER.matcher(text.substring(ne));
                if (!beBefore && after.find()) {
                    e.replace(ne + after.start(1), ne + after.end(1), plural(after.group(1)));
                }
            }
        }
        return e;
    }

    private static String plural(String be) {
        return Inflection.matchCase(be, be.equalsIgnoreCase("is") ? "are" : "were");
    }

    // ------------------------------------------------------------------------------------------- captions

    private TextEdit multi(String text, SplittableRandom rng, Collection<String> avoid, List<String> values) {
        List<Hit> hits = new ArrayList<>();
        for (Kind k : List.of(Kind.COLOR, Kind.OBJECT, Kind.SPATIAL, Kind.SIZE, Kind.BACKGROUND)) {
            hits.addAll(Vocabulary.find(text, k));
        }
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            int v = Vocabulary.numberValue(m.group(1));
            if (v >= 2 && v <= 20) {
                boolean word = !Character.isDigit(m.group(1).charAt(0));
                List<String> alts = new ArrayList<>();
                for (int x = Math.max(2, v - 2); x <= v + 3; x++) {
                    if (x != v) {
                        alts.add(word ? Vocabulary.NUMBER_WORDS.get(x) : Integer.toString(x));
                    }
                }
                hits.add(new Hit(Kind.SIZE, m.start(1), m.end(1), m.group(1), alts));
            }
        }
        if (hits.isEmpty()) {
            return null;
        }
        hits.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(b.end(), a.end()));
        Map<String, List<Hit>> byKey = new LinkedHashMap<>();
        int lastEnd = -1;
        for (Hit h : hits) {
            if (h.start() < lastEnd) {
                continue;
            }
            lastEnd = h.end();
            byKey.computeIfAbsent(h.key(), k -> new ArrayList<>()).add(h);
        }
        List<String> forms = new ArrayList<>(byKey.keySet());
        for (int i = forms.size() - 1; i > 0; i--) {
            java.util.Collections.swap(forms, i, rng.nextInt(i + 1));
        }
        int want = 2 + rng.nextInt(3);
        TextEdit e = new TextEdit(text);
        int used = 0;
        int done = 0;
        for (String f : forms) {
            if (done == want) {
                break;
            }
            List<Hit> occ = byKey.get(f);
            if (used + occ.size() > MULTI_EDIT_BUDGET) {
                continue;
            }
            List<String> candidates = allowed(occ.get(0).alternatives());
            List<String> alts = candidates.stream().filter(a -> !byKey.containsKey(a)).toList();
            if (alts.isEmpty()) {
                alts = candidates;
            }
            String alt = pick(alts, avoid, rng);
            for (Hit h : occ) {
                replaceWord(e, text, h, alt);
            }
            values.add(alt);
            used += occ.size();
            done++;
        }
        return e;
    }
}
