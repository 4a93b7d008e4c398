package org.vapr.pipeline.edit.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.vapr.core.Category;
import org.vapr.core.InputException;
import org.vapr.core.io.Digests;

/**
 * The editor's prompts: a system prompt ({@code system.md}), the user message template ({@code edit.md}), one
 * instruction with few-shot examples per category ({@code counting.md}, {@code color.md}, …) and the answer
 * extension template ({@code extend.md}). The built-in files live under {@code org/vapr/pipeline/prompts/};
 * {@code --prompts DIR} replaces them file by file. Templates use {@code {{name}}} placeholders; a file may
 * only use the placeholders its role fills (see {@link #PLACEHOLDERS}). Immutable and thread-safe.
 */
public final class PromptSet {
    /** Class-path folder of the built-in prompts. */
    public static final String RESOURCE_DIR = "/org/vapr/pipeline/prompts/";
    /** The system prompt of the editor. */
    public static final String SYSTEM = "system.md";
    /** The editor's user message template. */
    public static final String EDIT = "edit.md";
    /** The yes/no and short answer extension template. */
    public static final String EXTEND = "extend.md";

    /** Placeholders each file may use; category files use none. */
    public static final Map<String, Set<String>> PLACEHOLDERS = placeholders();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_]+)\\s*}}");

    private final Map<String, String> texts;
    private final SortedMap<String, String> hashes;
    private final SortedMap<String, String> sources;

    private PromptSet(Map<String, String> texts, SortedMap<String, String> sources) {
        this.texts = Map.copyOf(texts);
        this.sources = Collections.unmodifiableSortedMap(sources);
        SortedMap<String, String> h = new TreeMap<>();
        texts.forEach((k, v) -> h.put(k, Digests.sha256(v)));
        this.hashes = Collections.unmodifiableSortedMap(h);
    }

    private static Map<String, Set<String>> placeholders() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put(SYSTEM, Set.of());
        m.put(EDIT, Set.of("context", "question", "chosen", "instruction", "avoid", "feedback", "category"));
        m.put(EXTEND, Set.of("question", "answer"));
        for (Category c : Category.values()) {
            m.put(categoryFile(c), Set.of());
        }
        return Collections.unmodifiableMap(m);
    }

    /** The file name of a category's instruction, e.g. {@code counting.md}. */
    public static String categoryFile(Category c) {
        return c.id() + ".md";
    }

    /** The built-in prompts. */
    public static PromptSet defaults() {
        return load(null);
    }

    /**
     * The built-in prompts, with the files in {@code dir} (if not {@code null}) replacing those of the same name.
     *
     * @throws InputException when {@code dir} is not a directory, holds a file with an unknown name, or a file
     *                        uses a placeholder its role does not fill
     */
    public static PromptSet load(Path dir) {
        Map<String, String> texts = new LinkedHashMap<>();
        SortedMap<String, String> sources = new TreeMap<>();
        for (String name : PLACEHOLDERS.keySet()) {
            texts.put(name, resource(name));
            sources.put(name, "builtin");
        }
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                throw new InputException(dir + ": not a directory (--prompts)");
            }
            List<Path> files = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (!PLACEHOLDERS.containsKey(name) || !Files.isRegularFile(p)) {
                    throw new InputException(p + ": unknown prompt file (expected one of " + String.join(", ", PLACEHOLDERS.keySet()) + ")");
                }
                try {
                    texts.put(name, Files.readString(p, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                sources.put(name, p.toString());
            }
        }
        for (Map.Entry<String, String> e : texts.entrySet()) {
            Matcher m = PLACEHOLDER.matcher(e.getValue());
            while (m.find()) {
                if (!PLACEHOLDERS.get(e.getKey()).contains(m.group(1))) {
                    String where = "builtin".equals(sources.get(e.getKey())) ? e.getKey() : sources.get(e.getKey());
                    throw new InputException(where + ": placeholder {{" + m.group(1) + "}} is not filled in this file (allowed: "
                            + (PLACEHOLDERS.get(e.getKey()).isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(PLACEHOLDERS.get(e.getKey())))) + ")");
                }
            }
        }
        return new PromptSet(texts, sources);
    }

    private static String resource(String name) {
        try (InputStream in = PromptSet.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("built-in prompt missing from the class path: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The system prompt. */
    public String system() {
        return texts.get(SYSTEM).strip();
    }

    /** The instruction and examples for a category. */
    public String instruction(Category c) {
        return texts.get(categoryFile(c)).strip();
    }

    /** The editor's user message with these values ({@code context, question, chosen, instruction, avoid, feedback, category}). */
    public String renderEdit(Map<String, String> values) {
        return render(EDIT, values);
    }

    /** The extension request for one question and short answer. */
    public String renderExtend(String question, String answer) {
        return render(EXTEND, Map.of("question", question, "answer", answer));
    }

    private String render(String file, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(texts.get(file));
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException(file + ": no value for {{" + m.group(1) + "}}");
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString().strip();
    }

    /** SHA-256 of every file's text, by file name. */
    public SortedMap<String, String> sha256() {
        return hashes;
    }

    /** One SHA-256 over all files (their names and hashes), for the manifest. */
    public String combinedSha256() {
        StringBuilder b = new StringBuilder();
        hashes.forEach((k, v) -> b.append(k).append(' ').append(v).append('\n'));
        return Digests.sha256(b.toString());
    }

    /** Where each file came from: {@code builtin} or the override's path. */
    public SortedMap<String, String> sources() {
        return sources;
    }
}
