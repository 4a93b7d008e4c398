package org.vapr.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ten task categories of the VaPR paper (Table 1), with the ids used in every output file and the
 * paper's target share of the 30K dataset, in percent.
 */
public enum Category {
    OBJECT("object", 13.3),
    COLOR("color", 13.3),
    SIZE("size", 3.3),
    BACKGROUND("background", 3.3),
    SPATIAL("spatial", 13.3),
    COUNTING("counting", 16.7),
    EXISTENCE("existence", 13.3),
    REFERENTIAL("referential", 13.3),
    REASONING("reasoning", 3.3),
    CAPTIONING("captioning", 6.7);

    private static final Map<String, Category> BY_ID =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Category::id, Function.identity()));

    private final String id;
    private final double paperSharePercent;

    Category(String id, double paperSharePercent) {
        this.id = id;
        this.paperSharePercent = paperSharePercent;
    }

    /** The lowercase id written to files, e.g. {@code counting}. */
    public String id() {
        return id;
    }

    /** The share of this category in the paper's 30K dataset, in percent (Table 1). */
    public double paperSharePercent() {
        return paperSharePercent;
    }

    /** Looks a category up by its id (case-insensitive). */
    public static Optional<Category> fromId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(BY_ID.get(id.toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        return id;
    }
}
