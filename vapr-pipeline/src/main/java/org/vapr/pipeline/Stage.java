package org.vapr.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The builder's stages, in order. A run executes a contiguous range of them; ending after a stage writes that
 * stage's JSONL file ({@link #outputFile()}), which the next stage can read on its own ({@link #inputFile()}).
 */
public enum Stage {
    /** Split conversations into turns and apply the filters: corpus → {@code turns.jsonl}. */
    FILTER("filter", null, "turns.jsonl"),
    /** Assign categories: {@code turns.jsonl} → {@code candidates.jsonl}. */
    CATEGORIZE("categorize", "turns.jsonl", "candidates.jsonl"),
    /** Stratified nested sample: {@code candidates.jsonl} → {@code sampled.jsonl}. */
    SAMPLE("sample", "candidates.jsonl", "sampled.jsonl"),
    /** Extend, edit, validate and export: {@code sampled.jsonl} → {@code pairs.jsonl} and the exports. */
    EDIT("edit", "sampled.jsonl", "pairs.jsonl");

    private final String id;
    private final String inputFile;
    private final String outputFile;

    Stage(String id, String inputFile, String outputFile) {
        this.id = id;
        this.inputFile = inputFile;
        this.outputFile = outputFile;
    }

    /** Lowercase name used on the command line and in manifests. */
    public String id() {
        return id;
    }

    /** The JSONL file this stage reads when run on its own ({@code null} for FILTER, which reads the corpus). */
    public String inputFile() {
        return inputFile;
    }

    /** The file a run ending with this stage writes. */
    public String outputFile() {
        return outputFile;
    }

    /**
     * Parses a comma-separated prefix of {@code filter,categorize,sample,edit}, e.g. {@code filter,categorize}.
     *
     * @throws IllegalArgumentException with a one-line message when the list is empty, unknown or not a prefix
     */
    public static List<Stage> parsePrefix(String csv) {
        if (csv == null || csv.isBlank()) {
            throw new IllegalArgumentException("stages: empty list (expected a prefix of filter,categorize,sample,edit)");
        }
        List<Stage> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            Stage s = fromId(p);
            if (s == null) {
                throw new IllegalArgumentException("stages: unknown stage '" + part.strip()
                        + "' (expected a prefix of filter,categorize,sample,edit)");
            }
            if (s.ordinal() != out.size()) {
                throw new IllegalArgumentException("stages: '" + csv.strip()
                        + "' is not a prefix of filter,categorize,sample,edit");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** The stage with this id, or {@code null}. */
    public static Stage fromId(String id) {
        for (Stage s : values()) {
            if (s.id.equalsIgnoreCase(id)) {
                return s;
            }
        }
        return null;
    }
}
