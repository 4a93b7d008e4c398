package org.vapr.pipeline.edit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.vapr.core.InputException;
import org.vapr.core.io.Digests;
import org.vapr.pipeline.edit.EditProposal;

/**
 * The editable price table ({@code org/vapr/pipeline/prices.yaml}, or {@code --prices FILE} replacing it): USD
 * per million input and output tokens by model name. See the file's comments for how names match. Immutable.
 */
public final class PriceTable {
    /** Class-path location of the built-in table. */
    public static final String DEFAULT_RESOURCE = "/org/vapr/pipeline/prices.yaml";
    /** The entry used for unknown models on a loopback server. */
    public static final String LOCAL = "local";

    /**
     * One model's prices.
     *
     * @param key                the table entry that matched
     * @param inputPerMillion    USD per 1M prompt tokens
     * @param outputPerMillion   USD per 1M completion tokens
     */
    public record Price(String key, double inputPerMillion, double outputPerMillion) {
        /** The cost of these tokens in USD. */
        public double cost(long promptTokens, long completionTokens) {
            return (promptTokens * inputPerMillion + completionTokens * outputPerMillion) / 1_000_000.0;
        }
    }

    private final SortedMap<String, Price> prices;
    private final String source;
    private final String sha256;

    private PriceTable(SortedMap<String, Price> prices, String source, String sha256) {
        this.prices = Collections.unmodifiableSortedMap(prices);
        this.source = source;
        this.sha256 = sha256;
    }

    /**
     * The built-in table, or {@code file} instead when not {@code null}.
     *
     * @throws InputException when the file is missing or an entry lacks a non-negative {@code input}/{@code output}
     */
    public static PriceTable load(Path file) {
        String text;
        String source;
        if (file == null) {
            try (InputStream in = PriceTable.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                text = new String(Objects.requireNonNull(in, DEFAULT_RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            source = "builtin";
        } else {
            if (!Files.isRegularFile(file)) {
                throw new InputException(file + ": no such file (--prices)");
            }
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            source = file.toString();
        }
        String name = file == null ? "prices.yaml" : file.toString();
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            throw new InputException(name + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode models = root == null ? null : root.get("models");
        if (models == null || !models.isObject()) {
            throw new InputException(name + ": field 'models': missing or not a map of model: {input, output}");
        }
        SortedMap<String, Price> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().toLowerCase(Locale.ROOT);
            m.put(key, new Price(key, number(name, e, "input"), number(name, e, "output")));
        }
        return new PriceTable(m, source, Digests.sha256(text));
    }

    private static double number(String file, Map.Entry<String, JsonNode> e, String field) {
        JsonNode v = e.getValue() == null ? null : e.getValue().get(field);
        if (v == null || !v.isNumber() || v.asDouble() < 0 || !Double.isFinite(v.asDouble())) {
            throw new InputException(file + ": field 'models." + e.getKey() + "." + field + "': missing or not a number >= 0");
        }
        return v.asDouble();
    }

    /** The price of a model, if the table knows it (see the class doc for how names match). */
    public Optional<Price> price(String model) {
        String m = model.toLowerCase(Locale.ROOT).strip();
        Price p = prices.get(m);
        if (p != null) {
            return Optional.of(p);
        }
        String best = null;
        for (String k : prices.keySet()) {
            if (m.startsWith(k + "-") && (best == null || k.length() > best.length())) {
                best = k;
            }
        }
        if (best != null) {
            return Optional.of(prices.get(best));
        }
        int slash = m.lastIndexOf('/');
        return slash >= 0 ? price(m.substring(slash + 1)) : Optional.empty();
    }

    /** The price of a model, or the {@value #LOCAL} entry when the server is local and the model unknown. */
    public Optional<Price> price(String model, boolean localServer) {
        Optional<Price> p = price(model);
        return p.isEmpty() && localServer ? Optional.ofNullable(prices.get(LOCAL)) : p;
    }

    /** The cost in USD of this usage with this model, empty when the model is not in the table. */
    public Optional<Double> cost(String model, EditProposal.Usage usage) {
        return price(model).map(p -> p.cost(usage.promptTokens(), usage.completionTokens()));
    }

    /** {@code builtin} or the file's path. */
    public String source() {
        return source;
    }

    /** SHA-256 of the table's text, for the manifest. */
    public String sha256() {
        return sha256;
    }

    /** The entries by lowercase name. */
    public SortedMap<String, Price> entries() {
        return prices;
    }
}
