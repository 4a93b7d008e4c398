package org.vapr.pipeline.edit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The word lists of the rule editor: for each kind of answer-critical span, the phrases it recognises and the
 * incompatible replacements it may put in their place. Covers the synthetic world's shapes, patterns, colors,
 * sizes and backgrounds plus common COCO objects, actions, materials and scenes.
 */
final class Vocabulary {
    private Vocabulary() {
    }

    /** A kind of span with its swap table. */
    enum Kind { COLOR, SIZE, SPATIAL, BACKGROUND, SHAPE, PATTERN, OBJECT }

    /** One occurrence of a vocabulary phrase in a text. */
    record Hit(Kind kind, int start, int end, String text, List<String> alternatives) {
        String key() {
            return WHITESPACE.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
        }
    }

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    static final List<String> COLORS = List.of("red", "orange", "yellow", "green", "blue", "purple", "pink", "brown",
            "black", "white", "gray", "silver", "gold");
    static final List<String> SHAPES = List.of("circle", "square", "triangle", "star", "hexagon", "diamond", "heart", "cross");
    static final List<String> PATTERNS = List.of("solid", "striped", "dotted", "checkered");
    static final List<String> NUMBER_WORDS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen", "twenty");

    private static final List<List<String>> OBJECT_GROUPS = List.of(
            List.of("dog", "cat", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "bird"),
            List.of("car", "bus", "truck", "train", "motorcycle", "bicycle", "airplane", "boat"),
            List.of("pizza", "sandwich", "banana", "apple", "broccoli", "carrot", "donut", "cake", "hot dog"),
            List.of("chair", "couch", "bed", "table", "bench", "desk"),
            List.of("cup", "bowl", "fork", "knife", "spoon", "bottle", "plate", "glass"),
            List.of("man", "woman", "boy", "girl", "child"),
            List.of("frisbee", "skateboard", "surfboard", "snowboard", "kite", "tennis racket", "baseball bat", "ball"),
            List.of("laptop", "television", "phone", "keyboard", "remote", "clock", "book", "umbrella"),
            List.of("shirt", "jacket", "hat", "dress", "coat", "sweater", "helmet", "tie"),
            List.of("standing", "sitting", "walking", "running", "lying"),
            List.of("eating", "drinking", "sleeping", "playing", "reading", "talking", "cooking"),
            List.of("surfing", "skiing", "skateboarding", "snowboarding", "swimming", "riding"),
            List.of("holding", "carrying", "throwing", "catching", "pushing", "pulling"),
            List.of("wood", "metal", "plastic", "stone", "brick", "concrete", "paper"),
            List.of("wooden", "metallic", "glass", "plastic", "stone", "ceramic"));

    private static final Map<String, List<String>> SIZE = table(
            "small", "large", "large", "small", "big", "small", "little", "big", "tiny", "huge", "huge", "tiny",
            "medium", "small|large", "medium-sized", "small|large", "giant", "tiny", "bigger", "smaller",
            "smaller", "bigger|larger", "larger", "smaller", "biggest", "smallest", "largest", "smallest",
            "smallest", "largest|biggest", "tall", "short", "short", "tall", "taller", "shorter", "shorter", "taller",
            "tallest", "shortest", "shortest", "tallest", "long", "short", "longer", "shorter", "wide", "narrow",
            "narrow", "wide", "thick", "thin", "thin", "thick");

    private static final Map<String, List<String>> SPATIAL = table(
            "to the left of", "to the right of", "to the right of", "to the left of", "on the left", "on the right",
            "on the right", "on the left", "in front of", "behind", "behind", "in front of", "on top of", "underneath",
            "underneath", "on top of", "next to", "far away from", "far away from", "next to", "far from", "next to",
            "close to", "far from", "near", "far from", "beside", "far from", "above", "below", "below", "above",
            "beneath", "above", "under", "above", "over", "under", "inside", "outside", "outside", "inside",
            "left", "right", "right", "left", "top", "bottom", "bottom", "top", "upper", "lower", "lower", "upper",
            "closer", "farther", "farther", "closer", "leftmost", "rightmost", "rightmost", "leftmost");

    private static final Map<String, List<String>> BACKGROUND = table(
            "day", "night", "night", "day", "daytime", "nighttime", "nighttime", "daytime", "morning", "evening|night",
            "evening", "morning", "afternoon", "night|morning", "sunrise", "sunset", "sunset", "sunrise",
            "dawn", "dusk", "dusk", "dawn", "sunny", "snowy|rainy|cloudy", "cloudy", "sunny|clear", "rainy", "sunny|snowy",
            "snowy", "sunny|rainy", "clear", "cloudy|rainy", "overcast", "sunny", "foggy", "clear|sunny",
            "indoors", "outdoors", "outdoors", "indoors", "indoor", "outdoor", "outdoor", "indoor",
            "kitchen", "bathroom|bedroom|living room", "bathroom", "kitchen|bedroom", "bedroom", "kitchen|bathroom",
            "living room", "kitchen|bedroom", "office", "kitchen|bedroom", "beach", "forest|park", "forest", "beach|city",
            "park", "beach|parking lot", "city", "countryside", "countryside", "city", "urban", "rural", "rural", "urban",
            "summer", "winter", "winter", "summer", "spring", "autumn", "autumn", "spring",
            "snow", "sand|grass", "grass", "sand|snow", "sand", "grass|snow");

    private static final Map<Kind, Map<String, List<String>>> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put(Kind.COLOR, groups(List.of(COLORS), List.of("grey", "gray")));
        TABLES.put(Kind.SIZE, SIZE);
        TABLES.put(Kind.SPATIAL, SPATIAL);
        TABLES.put(Kind.BACKGROUND, BACKGROUND);
        TABLES.put(Kind.SHAPE, groups(List.of(SHAPES), null));
        TABLES.put(Kind.PATTERN, groups(List.of(PATTERNS), null));
        List<List<String>> objects = new ArrayList<>();
        objects.add(SHAPES);
        objects.add(PATTERNS);
        objects.addAll(OBJECT_GROUPS);
        TABLES.put(Kind.OBJECT, groups(objects, null));
    }

    private static Map<String, List<String>> table(String... pairs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], List.of(pairs[i + 1].split("\\|")));
        }
        return m;
    }

    /** Every word of a group maps to the other words of its group; nouns also in the plural. */
    private static Map<String, List<String>> groups(List<List<String>> groups, List<String> synonym) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (List<String> g : groups) {
            for (String w : g) {
                List<String> alts = new ArrayList<>(g);
                alts.remove(w);
                m.putIfAbsent(w, List.copyOf(alts));
                boolean noun = !w.endsWith("ing") && !w.endsWith("ed") && !w.endsWith("en") && !w.endsWith("ic")
                        && !PATTERNS.contains(w) && !COLORS.contains(w) && !w.equals("plastic") && !w.equals("metal")
                        && !w.equals("wood") && !w.equals("paper") && !w.equals("brick") && !w.equals("concrete");
                if (noun) {
                    m.putIfAbsent(Inflection.plural(w), alts.stream().map(Inflection::plural).toList());
                }
            }
        }
        if (synonym != null) {
            List<String> base = m.get(synonym.get(1));
            m.put(synonym.get(0), base);
        }
        return m;
    }

    /**
     * All non-overlapping occurrences of a kind's phrases, left to right, longest first: the text is split into
     * words (letters, digits, '_' and '-') and word n-grams (up to 4, separated by whitespace only) are looked
     * up in the kind's table, which is linear in the text length.
     */
    static List<Hit> find(String text, Kind kind) {
        Map<String, List<String>> t = TABLES.get(kind);
        List<int[]> words = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (isWordChar(cp)) {
                int j = i;
                while (j < n && isWordChar(text.codePointAt(j))) {
                    j += Character.charCount(text.codePointAt(j));
                }
                words.add(new int[] {i, j});
                i = j;
            } else {
                i += Character.charCount(cp);
            }
        }
        List<Hit> out = new ArrayList<>();
        for (int w = 0; w < words.size(); w++) {
            for (int len = Math.min(4, words.size() - w); len >= 1; len--) {
                StringBuilder key = new StringBuilder();
                boolean ok = true;
                for (int k = 0; k < len && ok; k++) {
                    if (k > 0) {
                        int gapFrom = words.get(w + k - 1)[1];
                        int gapTo = words.get(w + k)[0];
                        for (int g = gapFrom; g < gapTo; g++) {
                            if (!Character.isWhitespace(text.charAt(g))) {
                                ok = false;
                                break;
                            }
                        }
                        key.append(' ');
                    }
                    key.append(text, words.get(w + k)[0], words.get(w + k)[1]);
                }
                if (!ok) {
                    continue;
                }
                List<String> alts = t.get(key.toString().toLowerCase(Locale.ROOT));
                if (alts != null && !alts.isEmpty()) {
                    int start = words.get(w)[0];
                    int end = words.get(w + len - 1)[1];
                    out.add(new Hit(kind, start, end, text.substring(start, end), alts));
                    w += len - 1;
                    break;
                }
            }
        }
        return out;
    }

    private static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_' || cp == '-';
    }

    /** Whether a word (any case) belongs to the given kind. */
    static boolean contains(Kind kind, String phrase) {
        return TABLES.get(kind).containsKey(phrase.toLowerCase(Locale.ROOT));
    }

    /** The lowercase phrases of a kind present in a text, in order (for category checks). */
    static List<String> keys(String text, Kind kind) {
        return find(text, kind).stream().map(Hit::key).toList();
    }

    /** Number words and digits as values, or -1. */
    static int numberValue(String token) {
        String w = token.toLowerCase(Locale.ROOT);
        int i = NUMBER_WORDS.indexOf(w);
        if (i >= 0) {
            return i;
        }
        if (!w.isEmpty() && w.length() <= 6 && w.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(w);
        }
        return -1;
    }
}
