package org.vapr.world;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vapr.core.Verdict;

/** The closed vocabulary of the world: attribute values, number words, background phrasings. */
final class Vocab {
    static final List<String> SHAPES = List.of("circle", "square", "triangle", "star", "hexagon", "diamond", "heart", "cross");
    static final List<String> COLORS = List.of("red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "gray", "white");
    static final List<String> SIZES = List.of("small", "medium", "large");
    static final List<String> PATTERNS = List.of("solid", "striped", "dotted", "checkered");
    static final List<String> BACKGROUNDS = List.of("day", "night", "cloudy", "snowy", "indoor", "sunset");
    static final List<String> WORDS = List.of("STOP", "EXIT", "OPEN", "SALE", "PARK", "CAFE", "BOOK", "HOTEL", "BANK",
            "TAXI", "BUS", "POLICE", "PIZZA", "BAKERY", "MUSIC", "GARDEN", "SCHOOL", "RIVER", "MARKET", "CINEMA", "ZOO",
            "FARM", "SHOP", "MILK", "BREAD", "TOYS", "GIFT", "WAY", "YIELD", "PHONE", "MAIL", "FIRE", "DANGER", "QUIET");

    /**
     * English color words outside the world's palette, each with the palette colors it might plausibly name (the
     * renderer's yellow is practically gold, ...; its flat mid gray is not silver). A claim of such a color is false
     * of an object of any other palette color and undecidable for the listed ones; modified colors ("light blue",
     * "dark red") are not color words here and stay undecidable.
     */
    static final Map<String, Set<String>> OTHER_COLORS = Map.ofEntries(
            Map.entry("black", Set.of()), Map.entry("ebony", Set.of()),
            Map.entry("silver", Set.of()), Map.entry("silvery", Set.of()),
            Map.entry("charcoal", Set.of("gray")), Map.entry("slate", Set.of("gray", "blue")),
            Map.entry("platinum", Set.of("gray", "white")), Map.entry("pearl", Set.of("white", "gray")),
            Map.entry("ivory", Set.of("white")), Map.entry("cream", Set.of("white", "yellow")),
            Map.entry("gold", Set.of("yellow")), Map.entry("golden", Set.of("yellow")),
            Map.entry("lemon", Set.of("yellow")), Map.entry("amber", Set.of("orange", "yellow")),
            Map.entry("mustard", Set.of("yellow", "brown", "orange")), Map.entry("ochre", Set.of("yellow", "brown", "orange")),
            Map.entry("tangerine", Set.of("orange")), Map.entry("apricot", Set.of("orange", "pink")),
            Map.entry("peach", Set.of("orange", "pink")), Map.entry("salmon", Set.of("pink", "orange")),
            Map.entry("coral", Set.of("pink", "orange", "red")), Map.entry("rose", Set.of("pink", "red")),
            Map.entry("crimson", Set.of("red")), Map.entry("scarlet", Set.of("red")), Map.entry("ruby", Set.of("red")),
            Map.entry("cherry", Set.of("red", "pink")), Map.entry("vermilion", Set.of("red", "orange")),
            Map.entry("maroon", Set.of("red", "brown", "purple")), Map.entry("burgundy", Set.of("red", "purple", "brown")),
            Map.entry("magenta", Set.of("pink", "purple")), Map.entry("fuchsia", Set.of("pink", "purple")),
            Map.entry("violet", Set.of("purple")), Map.entry("lavender", Set.of("purple", "pink")),
            Map.entry("lilac", Set.of("purple", "pink")), Map.entry("mauve", Set.of("purple", "pink")),
            Map.entry("plum", Set.of("purple")), Map.entry("indigo", Set.of("purple", "blue")),
            Map.entry("navy", Set.of("blue")), Map.entry("azure", Set.of("blue")), Map.entry("cobalt", Set.of("blue")),
            Map.entry("sapphire", Set.of("blue")), Map.entry("cerulean", Set.of("blue")),
            Map.entry("ultramarine", Set.of("blue")), Map.entry("cyan", Set.of("blue", "green")),
            Map.entry("aqua", Set.of("blue", "green")), Map.entry("aquamarine", Set.of("blue", "green")),
            Map.entry("turquoise", Set.of("blue", "green")), Map.entry("teal", Set.of("blue", "green")),
            Map.entry("emerald", Set.of("green")), Map.entry("jade", Set.of("green")), Map.entry("mint", Set.of("green")),
            Map.entry("lime", Set.of("green", "yellow")), Map.entry("chartreuse", Set.of("green", "yellow")),
            Map.entry("olive", Set.of("green", "brown", "yellow")), Map.entry("khaki", Set.of("brown", "green", "yellow")),
            Map.entry("tan", Set.of("brown", "orange", "yellow")), Map.entry("beige", Set.of("brown", "white", "yellow")),
            Map.entry("taupe", Set.of("brown", "gray")), Map.entry("sepia", Set.of("brown")),
            Map.entry("chocolate", Set.of("brown")), Map.entry("bronze", Set.of("brown", "orange")),
            Map.entry("copper", Set.of("brown", "orange", "red")), Map.entry("rust", Set.of("brown", "orange", "red")));

    /** Sentences that are true of every scene (general statements the world's explanations make). */
    static final Set<String> TRUISMS = Set.of(
            "removing objects of one color does not change the others",
            "removing objects of a single color does not change the others");

    private static final String[] NUMBER_WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten"};

    /** Weather words per background that are true, and those that are false; anything else is undecidable. */
    static final Map<String, Set<String>> WEATHER_TRUE = Map.of(
            "day", Set.of("sunny", "clear"),
            "cloudy", Set.of("cloudy", "overcast"),
            "snowy", Set.of("snowy"),
            "sunset", Set.of("clear"),
            "night", Set.of("clear"),
            "indoor", Set.of());
    static final Map<String, Set<String>> WEATHER_FALSE = Map.of(
            "day", Set.of("cloudy", "overcast", "snowy", "rainy", "foggy", "stormy"),
            "cloudy", Set.of("sunny", "clear", "snowy"),
            "snowy", Set.of("sunny", "clear", "rainy"),
            "sunset", Set.of("cloudy", "overcast", "snowy", "rainy", "foggy", "stormy"),
            "night", Set.of("cloudy", "overcast", "snowy", "rainy", "sunny"),
            "indoor", Set.of());
    static final Set<String> WEATHER_WORDS = Set.of("sunny", "clear", "cloudy", "overcast", "snowy", "rainy", "foggy", "stormy");

    static final Map<String, Set<String>> TIME_TRUE = Map.of(
            "day", Set.of("day", "daytime"),
            "cloudy", Set.of("day", "daytime"),
            "snowy", Set.of("day", "daytime"),
            "night", Set.of("night", "nighttime"),
            "sunset", Set.of("evening", "sunset", "dusk"),
            "indoor", Set.of());
    static final Map<String, Set<String>> TIME_FALSE = Map.of(
            "day", Set.of("night", "nighttime", "evening"),
            "cloudy", Set.of("night", "nighttime", "evening"),
            "snowy", Set.of("night", "nighttime", "evening"),
            "night", Set.of("day", "daytime", "evening", "morning", "afternoon"),
            "sunset", Set.of("night", "nighttime", "daytime", "morning"),
            "indoor", Set.of());
    static final Set<String> TIME_WORDS = Set.of("day", "daytime", "night", "nighttime", "evening", "sunset", "dusk", "morning",
            "afternoon");

    /** One sentence describing each background, used in detailed descriptions and recognised by the oracle. */
    static final Map<String, String> SCENERY = Map.of(
            "day", "A light blue sky stretches above green grass.",
            "night", "The sky is dark navy with a few small stars.",
            "cloudy", "The gray sky is covered with clouds.",
            "snowy", "White snowflakes fall against a pale sky.",
            "indoor", "The background is a beige wall above a wooden floor.",
            "sunset", "The sky fades from orange to purple.");

    private Vocab() {
    }

    static String numberWord(int n) {
        return n >= 0 && n < NUMBER_WORDS.length ? NUMBER_WORDS[n] : Integer.toString(n);
    }

    /** Parses a count: digits, number words, {@code no}/{@code none}; -1 if not a count. */
    static int parseCount(String token) {
        if (token.isEmpty() || token.length() > 3 && Character.isDigit(token.charAt(0))) {
            return -1;
        }
        if (token.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(token);
        }
        for (int i = 0; i < NUMBER_WORDS.length; i++) {
            if (NUMBER_WORDS[i].equals(token)) {
                return i;
            }
        }
        return switch (token) {
            case "no", "none" -> 0;
            case "single" -> 1;
            default -> -1;
        };
    }

    /** A color word normalised ("grey" is gray): a palette color, one of {@link #OTHER_COLORS}, or null. */
    static String colorWord(String w) {
        if (w.equals("grey")) {
            return "gray";
        }
        return COLORS.contains(w) || OTHER_COLORS.containsKey(w) ? w : null;
    }

    /**
     * Whether an object of the palette color {@code actual} is of the (normalised) {@code claimed} color: exact for
     * palette colors, UNKNOWN for a color word that might name it, FALSE otherwise.
     */
    static Verdict colorIs(String actual, String claimed) {
        if (COLORS.contains(claimed)) {
            return claimed.equals(actual) ? Verdict.TRUE : Verdict.FALSE;
        }
        Set<String> near = OTHER_COLORS.get(claimed);
        if (near == null) {
            return Verdict.UNKNOWN;
        }
        return near.contains(actual) ? Verdict.UNKNOWN : Verdict.FALSE;
    }

    static int sizeRank(String size) {
        return SIZES.indexOf(size);
    }

    static String plural(String head) {
        return head.endsWith("s") ? head + "es" : head + "s";
    }

    /** "a" or "an" for the word that follows. */
    static String article(String next) {
        return "aeiou".indexOf(next.charAt(0)) >= 0 ? "an" : "a";
    }

    static String withArticle(String phrase) {
        return article(phrase) + " " + phrase;
    }

    static String cap(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** The normalised size word ("medium-sized" is "medium"), or null. */
    static String sizeWord(String w) {
        if (w.equals("medium-sized")) {
            return "medium";
        }
        return SIZES.contains(w) ? w : null;
    }

    /** Whether the background is outdoors. */
    static boolean outdoors(String background) {
        return !background.equals("indoor");
    }

    /** The phrase placing a caption in its background, e.g. "on a snowy day". */
    static String setting(String background) {
        return switch (background) {
            case "day" -> "on a sunny day";
            case "night" -> "at night";
            case "cloudy" -> "on a cloudy day";
            case "snowy" -> "on a snowy day";
            case "sunset" -> "in the evening";
            default -> "in an indoor room";
        };
    }

    /** The short weather answer for an outdoor background that has one. */
    static String weather(String background) {
        return switch (background) {
            case "day" -> "sunny";
            case "cloudy" -> "cloudy";
            case "snowy" -> "snowy";
            case "sunset", "night" -> "clear";
            default -> null;
        };
    }

    static String timeOfDay(String background) {
        return switch (background) {
            case "night" -> "night";
            case "sunset" -> "evening";
            case "indoor" -> null;
            default -> "day";
        };
    }
}
