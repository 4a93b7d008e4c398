package org.vapr.pipeline.select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.vapr.core.Category;
import org.vapr.core.InputException;
import org.vapr.core.io.Digests;

/**
 * The editable rules of the selection stages, loaded from YAML ({@code org/vapr/pipeline/rules.yaml} by default,
 * or a user file that replaces it): format suffixes stripped from prompts, filters with their drop reasons,
 * and the ordered category rules (first match wins). Immutable and thread-safe.
 */
public final class RuleSet {
    /** Class-path location of the built-in rules. */
    public static final String DEFAULT_RESOURCE = "/org/vapr/pipeline/rules.yaml";

    private static final int SUFFIX_WINDOW = 240;
    private static final Pattern IMAGE_ANYWHERE = Pattern.compile("\\s*<image>\\s*");

    private final String source;
    private final String sha256;
    private final List<Pattern> suffixes;
    private final List<List<String>> suffixGates;
    private final List<Rule> filters;
    private final List<Rule> categories;

    /** One rule: a label (drop reason or category id) and its patterns per field (null = unused). */
    private record Rule(String label, Category category, Alternatives question, Alternatives answer, Alternatives image) {
        boolean matches(String q, String a, String img) {
            return (question != null && question.find(q))
                    || (answer != null && a != null && answer.find(a))
                    || (image != null && img != null && image.find(img));
        }
    }

    /**
     * The patterns of one field. Each pattern is tried on its own, and only where it can start: at the
     * occurrences of its literal prefix (its "gate", e.g. {@code how many} for {@code \\bhow many\\b}), found
     * with {@link String#indexOf}. A regex scan of every position for every pattern would make a 665K-record
     * corpus several times slower.
     */
    private record Alternatives(List<List<String>> gates, List<Pattern> patterns) {
        boolean find(String lowerText) {
            for (int i = 0; i < patterns.size(); i++) {
                List<String> gate = gates.get(i);
                if (gate == null) {
                    Pattern p = patterns.get(i);
                    Matcher m = p.matcher(lowerText);
                    // a pattern anchored with ^ (not multiline) can only match at the start
                    if (p.pattern().startsWith("^") ? m.lookingAt() : m.find()) {
                        return true;
                    }
                    continue;
                }
                Matcher m = null;
                if (patterns.get(i).pattern().startsWith("^")) {
                    for (String g : gate) {
                        if (lowerText.startsWith(g) && patterns.get(i).matcher(lowerText).lookingAt()) {
                            return true;
                        }
                    }
                    continue;
                }
                for (String g : gate) {
                    for (int at = lowerText.indexOf(g); at >= 0; at = lowerText.indexOf(g, at + 1)) {
                        if (m == null) {
                            m = patterns.get(i).matcher(lowerText).useTransparentBounds(true).useAnchoringBounds(false);
                        }
                        m.region(at, lowerText.length());
                        if (m.lookingAt()) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }

    /**
     * Literal texts one of which every match of {@code regex} must contain: the leading run of plain characters
     * (after a leading {@code \\b} or {@code ^}), or the plain prefixes of a leading group of alternatives
     * ({@code \\b(above|below|behind)\\b} gives above, below, behind); lowercased. {@code null} when there is
     * no such text (the pattern is then always tried).
     */
    static List<String> gate(String regex) {
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return null;
            }
        }
        int i = 0;
        while (true) {
            if (regex.startsWith("\\b", i)) {
                i += 2;
            } else if (regex.startsWith("^", i)) {
                i += 1;
            } else {
                break;
            }
        }
        if (i < regex.length() && regex.charAt(i) == '(') {
            int close = regex.indexOf(')', i);
            if (close < 0 || (close + 1 < regex.length() && "?*{".indexOf(regex.charAt(close + 1)) >= 0)) {
                return null;
            }
            String body = regex.substring(i + 1, close);
            if (body.startsWith("?:")) {
                body = body.substring(2);
            }
            if (body.contains("(") || body.startsWith("?")) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (String alt : body.split("\\|", -1)) {
                String g = literalPrefix(alt, 0);
                if (g.isEmpty()) {
                    return null;
                }
                out.add(g);
            }
            return List.copyOf(out);
        }
        String g = literalPrefix(regex, i);
        return g.isEmpty() ? null : List.of(g);
    }

    private static String literalPrefix(String regex, int from) {
        StringBuilder b = new StringBuilder();
        int i = from;
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (Character.isLetterOrDigit(c) || " ',-_/<>:;=\"".indexOf(c) >= 0) {
                b.append(c);
            } else if (c == '\\' && i + 1 < regex.length() && "[](){}.?*+|^$\\".indexOf(regex.charAt(i + 1)) >= 0) {
                b.append(regex.charAt(++i));
            } else if (c == '\\' && i + 1 < regex.length() && regex.charAt(i + 1) == 'n') {
                b.append('\n');
                i++;
            } else {
                break;
            }
        }
        if (i < regex.length() && "?*{".indexOf(regex.charAt(i)) >= 0 && !b.isEmpty()) {
            b.setLength(b.length() - 1);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean passes(List<String> gate, String lowerText) {
        if (gate == null) {
            return true;
        }
        for (String g : gate) {
            if (lowerText.contains(g)) {
                return true;
            }
        }
        return false;
    }

    private RuleSet(String source, String sha256, List<Pattern> suffixes, List<List<String>> suffixGates, List<Rule> filters,
                    List<Rule> categories) {
        this.source = source;
        this.sha256 = sha256;
        this.suffixes = List.copyOf(suffixes);
        this.suffixGates = java.util.Collections.unmodifiableList(new ArrayList<>(suffixGates));
        this.filters = List.copyOf(filters);
        this.categories = List.copyOf(categories);
    }

    /** The built-in rules. */
    public static RuleSet defaults() {
        try (InputStream in = RuleSet.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            }
            return parse("builtin:rules.yaml", in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Loads a user rules file.
     *
     * @throws InputException naming the file and field when the file is missing, not YAML, or has a bad rule
     */
    public static RuleSet load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read rules file: " + e.getMessage(), e);
        }
        return parse(file.toString(), bytes);
    }

    /** The built-in YAML text (for users who want a copy to edit). */
    public static String defaultYaml() {
        try (InputStream in = RuleSet.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static RuleSet parse(String name, byte[] bytes) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(bytes);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new InputException(name + ": not valid YAML: " + msg, e);
        }
        if (root == null || !root.isObject()) {
            throw new InputException(name + ": expected a YAML mapping with prompt_suffixes, filters and categories");
        }
        List<Pattern> suffixes = new ArrayList<>();
        List<List<String>> suffixGates = new ArrayList<>();
        JsonNode suf = root.path("prompt_suffixes");
        if (!suf.isMissingNode() && !suf.isNull()) {
            if (!suf.isArray()) {
                throw new InputException(name + ": field 'prompt_suffixes': expected a list of patterns");
            }
            for (int i = 0; i < suf.size(); i++) {
                String field = "prompt_suffixes[" + i + "]";
                String p = text(name, field, suf.get(i));
                suffixGates.add(gate(p));
                suffixes.add(compile(name, field, "(?:^|\\s)(?:" + p + ")\\s*$"));
            }
        }
        List<Rule> filters = rules(name, root, "filters", "reason", false);
        List<Rule> categories = rules(name, root, "categories", "category", true);
        if (categories.isEmpty()) {
            throw new InputException(name + ": field 'categories': at least one category rule is required");
        }
        return new RuleSet(name, Digests.sha256(bytes), suffixes, suffixGates, filters, categories);
    }

    private static List<Rule> rules(String name, JsonNode root, String key, String labelKey, boolean isCategory) {
        JsonNode list = root.path(key);
        List<Rule> out = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new InputException(name + ": field '" + key + "': expected a list of rules");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String base = key + "[" + i + "]";
            if (!r.isObject()) {
                throw new InputException(name + ": field '" + base + "': expected a mapping");
            }
            String label = text(name, base + "." + labelKey, r.path(labelKey));
            Category category = null;
            if (isCategory) {
                category = Category.fromId(label).orElseThrow(() -> new InputException(name + ": field '" + base + "."
                        + labelKey + "': unknown category '" + label + "' (expected one of "
                        + java.util.Arrays.stream(Category.values()).map(Category::id).toList() + ")"));
            } else if (!label.matches("[a-z][a-z0-9_]*")) {
                throw new InputException(name + ": field '" + base + "." + labelKey
                        + "': reason must be lowercase snake_case, got '" + label + "'");
            }
            Alternatives q = alternatives(name, base + ".question", r.path("question"));
            Alternatives a = alternatives(name, base + ".answer", r.path("answer"));
            Alternatives img = alternatives(name, base + ".image", r.path("image"));
            if (q == null && a == null && img == null) {
                throw new InputException(name + ": field '" + base + "': a rule needs question, answer or image patterns");
            }
            out.add(new Rule(label, category, q, a, img));
        }
        return out;
    }

    private static Alternatives alternatives(String name, String field, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        List<List<String>> gates = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        if (node.isTextual()) {
            String p = text(name, field, node);
            gates.add(gate(p));
            patterns.add(compile(name, field, p));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = text(name, field + "[" + i + "]", node.get(i));
                gates.add(gate(p));
                patterns.add(compile(name, field + "[" + i + "]", p));
            }
        } else {
            throw new InputException(name + ": field '" + field + "': expected a pattern or a list of patterns");
        }
        return patterns.isEmpty() ? null : new Alternatives(java.util.Collections.unmodifiableList(gates), List.copyOf(patterns));
    }

    private static String text(String name, String field, JsonNode n) {
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw new InputException(name + ": field '" + field + "': expected a non-empty string");
        }
        return n.asText();
    }

    private static Pattern compile(String name, String field, String regex) {
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new InputException(name + ": field '" + field + "': bad regular expression: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
    }

    /** Where the rules came from: a file name or {@code builtin:rules.yaml}. */
    public String source() {
        return source;
    }

    /** SHA-256 of the YAML bytes, for the manifest. */
    public String sha256() {
        return sha256;
    }

    /**
     * The clean prompt: {@code <image>} removed (with its newline) wherever it is, then known format suffixes
     * removed from the end, repeatedly, unless a suffix is the whole question.
     */
    public String cleanPrompt(String rawQuestion) {
        String s = rawQuestion.replace("\r\n", "\n");
        s = s.strip();
        if (s.startsWith("<image>")) {
            s = s.substring(7).strip();
        } else if (s.endsWith("<image>")) {
            s = s.substring(0, s.length() - 7).strip();
        }
        if (s.contains("<image>")) {
            s = IMAGE_ANYWHERE.matcher(s).replaceAll(" ").strip();
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            String lower = s.toLowerCase(Locale.ROOT);
            for (int i = 0; i < suffixes.size() && !changed; i++) {
                if (!passes(suffixGates.get(i), lower)) {
                    continue;
                }
                Matcher m = suffixes.get(i).matcher(s).useAnchoringBounds(false).useTransparentBounds(true)
                        .region(Math.max(0, s.length() - SUFFIX_WINDOW), s.length());
                if (m.find() && m.start() > 0) {
                    String cut = s.substring(0, m.start()).strip();
                    if (!cut.isEmpty()) {
                        s = cut;
                        changed = true;
                    }
                }
            }
        }
        return s;
    }

    /**
     * The drop reason of the first filter that matches, or {@code null} when the turn is kept.
     *
     * @param rawQuestion the human message as written (with {@code <image>} and suffixes)
     * @param answer      the gpt answer
     * @param image       the image path, or {@code null}
     */
    public String filterReason(String rawQuestion, String answer, String image) {
        String q = rawQuestion.toLowerCase(Locale.ROOT);
        String a = answer == null ? null : answer.strip().toLowerCase(Locale.ROOT);
        String img = image == null ? null : image.toLowerCase(Locale.ROOT);
        for (Rule r : filters) {
            if (r.matches(q, a, img)) {
                return r.label();
            }
        }
        return null;
    }

    /** The category of the first category rule matching the clean prompt, or {@code null} if none does. */
    public Category categorize(String prompt) {
        return categorize(prompt, null, null);
    }

    /** Like {@link #categorize(String)}, letting rules also look at the answer and image path. */
    public Category categorize(String prompt, String answer, String image) {
        String q = prompt.strip().toLowerCase(Locale.ROOT);
        String a = answer == null ? null : answer.toLowerCase(Locale.ROOT);
        String img = image == null ? null : image.toLowerCase(Locale.ROOT);
        for (Rule r : categories) {
            if (r.matches(q, a, img)) {
                return r.category();
            }
        }
        return null;
    }
}
