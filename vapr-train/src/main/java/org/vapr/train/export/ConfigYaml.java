package org.vapr.train.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes configuration YAML in the shape the Python tools read well: insertion order kept, {@code ### section}
 * comment headers, no document marker, minimal quoting, and decimals in plain notation ({@code 0.000001}, never
 * {@code 1e-06}, which PyYAML reads as a string).
 */
final class ConfigYaml {
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build())
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private ConfigYaml() {
    }

    /** A mapper that reads YAML (for tests and checks). */
    static ObjectMapper mapper() {
        return YAML;
    }

    /** The YAML text of {@code sections}: each section's header comment, then its keys. */
    static String render(Map<String, Map<String, Object>> sections) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Map<String, Object>> s : sections.entrySet()) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append("### ").append(s.getKey()).append('\n');
            sb.append(write(s.getValue()));
        }
        return sb.toString();
    }

    /** The YAML text of one map. */
    static String write(Map<String, Object> map) {
        try {
            return YAML.writeValueAsString(plainDecimals(map));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All sections merged into one tree (what a reader sees), for key checking. */
    static ObjectNode tree(Map<String, Map<String, Object>> sections) {
        Map<String, Object> all = new LinkedHashMap<>();
        sections.values().forEach(all::putAll);
        return YAML.valueToTree(plainDecimals(all));
    }

    /** A copy with doubles replaced by BigDecimals so they print in plain notation. */
    @SuppressWarnings("unchecked")
    private static Object plainDecimals(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), plainDecimals(v)));
            return copy;
        }
        if (value instanceof Double d) {
            BigDecimal plain = BigDecimal.valueOf(d).stripTrailingZeros();
            return plain.scale() <= 0 ? plain.setScale(1) : plain;
        }
        return value;
    }
}
