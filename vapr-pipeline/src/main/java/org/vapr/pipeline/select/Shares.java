package org.vapr.pipeline.select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.vapr.core.Category;
import org.vapr.core.InputException;
import org.vapr.core.io.Digests;

/**
 * Target category shares of a sample, normalised to sum to 1: the paper's Table 1 by default, or a user
 * file (YAML or JSON mapping of category id to a share in any unit, e.g. percent). Categories the file
 * leaves out get share 0 and are never sampled.
 */
public final class Shares {
    private final EnumMap<Category, Double> shares;
    private final String sha256;

    private Shares(EnumMap<Category, Double> raw, String sha256) {
        double total = raw.values().stream().mapToDouble(Double::doubleValue).sum();
        this.shares = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            this.shares.put(c, raw.getOrDefault(c, 0.0) / total);
        }
        this.sha256 = sha256;
    }

    /** Table 1 of the paper ({@link Category#paperSharePercent()}). */
    public static Shares paper() {
        EnumMap<Category, Double> m = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            m.put(c, c.paperSharePercent());
        }
        return new Shares(m, null);
    }

    /** Shares from explicit values (normalised). */
    public static Shares of(Map<Category, Double> values) {
        EnumMap<Category, Double> m = new EnumMap<>(Category.class);
        m.putAll(values);
        check(m, "shares");
        return new Shares(m, null);
    }

    /**
     * Reads a distribution file: {@code {counting: 16.7, color: 13.3, ...}}.
     *
     * @throws InputException naming the file and field for a missing file, unknown id or bad value
     */
    public static Shares load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read distribution file: " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(bytes);
        } catch (IOException e) {
            throw new InputException(file + ": not valid YAML/JSON: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new InputException(file + ": expected a mapping of category id to share");
        }
        EnumMap<Category, Double> m = new EnumMap<>(Category.class);
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            Category c = Category.fromId(e.getKey()).orElseThrow(() -> new InputException(file + ": field '" + e.getKey()
                    + "': unknown category (expected one of "
                    + java.util.Arrays.stream(Category.values()).map(Category::id).toList() + ")"));
            JsonNode v = e.getValue();
            if (!v.isNumber() || v.asDouble() < 0 || !Double.isFinite(v.asDouble())) {
                throw new InputException(file + ": field '" + e.getKey() + "': expected a non-negative number, got " + v);
            }
            m.put(c, v.asDouble());
        }
        check(m, file.toString());
        return new Shares(m, Digests.sha256(bytes));
    }

    private static void check(Map<Category, Double> m, String name) {
        double total = m.values().stream().mapToDouble(Double::doubleValue).sum();
        if (!(total > 0)) {
            throw new InputException(name + ": all shares are zero");
        }
    }

    /** The normalised share of a category, in [0, 1]. */
    public double share(Category c) {
        return shares.get(c);
    }

    /** SHA-256 of the distribution file, {@code null} for the built-in Table 1. */
    public String sha256() {
        return sha256;
    }

    /** Shares by category id, sorted by id. */
    public SortedMap<String, Double> asMap() {
        SortedMap<String, Double> m = new TreeMap<>();
        shares.forEach((c, v) -> m.put(c.id(), v));
        return m;
    }
}
