package org.vapr.pipeline.edit;

import java.util.Locale;
import java.util.Map;

/** English noun number, articles and letter case, as far as the templates and editors need them. */
final class Inflection {
    private Inflection() {
    }

    private static final Map<String, String> IRREGULAR_PLURAL = Map.ofEntries(
            Map.entry("man", "men"), Map.entry("woman", "women"), Map.entry("person", "people"),
            Map.entry("child", "children"), Map.entry("mouse", "mice"), Map.entry("foot", "feet"),
            Map.entry("tooth", "teeth"), Map.entry("goose", "geese"), Map.entry("sheep", "sheep"),
            Map.entry("fish", "fish"), Map.entry("deer", "deer"), Map.entry("knife", "knives"),
            Map.entry("leaf", "leaves"), Map.entry("shelf", "shelves"), Map.entry("wolf", "wolves"),
            Map.entry("skis", "skis"), Map.entry("glasses", "glasses"), Map.entry("scissors", "scissors"),
            Map.entry("bus", "buses"), Map.entry("cactus", "cacti"));
    private static final Map<String, String> IRREGULAR_SINGULAR;

    static {
        java.util.HashMap<String, String> m = new java.util.HashMap<>();
        IRREGULAR_PLURAL.forEach((s, p) -> m.put(p, s));
        IRREGULAR_SINGULAR = Map.copyOf(m);
    }

    static String plural(String noun) {
        String w = noun.toLowerCase(Locale.ROOT);
        String irr = IRREGULAR_PLURAL.get(w);
        if (irr != null) {
            return matchCase(noun, irr);
        }
        if (w.endsWith("s") || w.endsWith("x") || w.endsWith("z") || w.endsWith("ch") || w.endsWith("sh")) {
            return noun + "es";
        }
        if (w.length() > 1 && w.endsWith("y") && "aeiou".indexOf(w.charAt(w.length() - 2)) < 0) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        return noun + "s";
    }

    static String singular(String noun) {
        String w = noun.toLowerCase(Locale.ROOT);
        String irr = IRREGULAR_SINGULAR.get(w);
        if (irr != null) {
            return matchCase(noun, irr);
        }
        if (w.endsWith("ies") && w.length() > 4) {
            return noun.substring(0, noun.length() - 3) + "y";
        }
        if (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes") || w.endsWith("sses") || w.endsWith("zes")) {
            return noun.substring(0, noun.length() - 2);
        }
        if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is") && w.length() > 2) {
            return noun.substring(0, noun.length() - 1);
        }
        return noun;
    }

    static boolean looksPlural(String noun) {
        String w = noun.toLowerCase(Locale.ROOT);
        return IRREGULAR_SINGULAR.containsKey(w) || (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")
                && !w.endsWith("is") && w.length() > 2);
    }

    /** "a" or "an" for the word that follows (by its first letter; "hour"/"honest" and "uni-"/"one" handled). */
    static String article(String nextWord) {
        String w = nextWord.toLowerCase(Locale.ROOT);
        if (w.startsWith("hour") || w.startsWith("honest") || w.startsWith("heir")) {
            return "an";
        }
        if (w.startsWith("uni") || w.startsWith("use") || w.startsWith("one") || w.startsWith("eu")) {
            return "a";
        }
        return !w.isEmpty() && "aeiou".indexOf(w.charAt(0)) >= 0 ? "an" : "a";
    }

    /** {@code replacement} written in the letter case of {@code original} (lower, Capitalised or UPPER). */
    static String matchCase(String original, String replacement) {
        if (original.isEmpty() || replacement.isEmpty()) {
            return replacement;
        }
        boolean allUpper = original.length() > 1 && original.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
        if (allUpper) {
            return replacement.toUpperCase(Locale.ROOT);
        }
        if (Character.isUpperCase(original.charAt(0))) {
            return capitalize(replacement.toLowerCase(Locale.ROOT));
        }
        return replacement.toLowerCase(Locale.ROOT);
    }

    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int cp = s.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toUpperCase(cp)).append(s.substring(Character.charCount(cp))).toString();
    }

    static String decapitalize(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isUpperCase(s.charAt(1))) {
            return s;
        }
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Third person singular of a base verb: have → has, go → goes, carry → carries. */
    static String thirdPerson(String verb) {
        String w = verb.toLowerCase(Locale.ROOT);
        if (w.equals("have")) {
            return "has";
        }
        if (w.equals("do") || w.equals("go")) {
            return w + "es";
        }
        if (w.endsWith("s") || w.endsWith("x") || w.endsWith("ch") || w.endsWith("sh") || w.endsWith("z")) {
            return verb + "es";
        }
        if (w.length() > 1 && w.endsWith("y") && "aeiou".indexOf(w.charAt(w.length() - 2)) < 0) {
            return verb.substring(0, verb.length() - 1) + "ies";
        }
        return verb + "s";
    }

    /** Base form of a third-person verb: has → have, goes → go, carries → carry, looks → look. */
    static String baseForm(String verb) {
        String w = verb.toLowerCase(Locale.ROOT);
        if (w.equals("has")) {
            return "have";
        }
        if (w.equals("does") || w.equals("goes")) {
            return w.substring(0, 2);
        }
        if (w.endsWith("ies")) {
            return verb.substring(0, verb.length() - 3) + "y";
        }
        if (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("sses") || w.endsWith("xes")) {
            return verb.substring(0, verb.length() - 2);
        }
        if (w.endsWith("s")) {
            return verb.substring(0, verb.length() - 1);
        }
        return verb;
    }
}
