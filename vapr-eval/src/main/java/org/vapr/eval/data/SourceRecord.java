package org.vapr.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.vapr.core.InputException;
import org.vapr.core.InputProblem;

/**
 * One record of an input file with where it came from, so that any problem with it becomes a one-line
 * {@link InputException} naming the file, the record and the field.
 *
 * @param file      the file
 * @param index     1-based line number (JSONL) or 0-based index (JSON array or object)
 * @param lineBased whether {@code index} is a line number
 * @param key       the key of the record in a JSON object keyed by id (MathVista, MM-Vet), or {@code null}
 * @param node      the record
 */
public record SourceRecord(Path file, long index, boolean lineBased, String key, JsonNode node) {

    /** An exception naming this record and {@code field}. */
    public InputException problem(String field, String message) {
        String f = key == null ? field : (field.isEmpty() ? key : key + "." + field);
        return new InputException(new InputProblem(file.toString(), index, -1, f, message, lineBased));
    }

    /** A required string field; numbers are accepted and written as text (ids are often numbers). */
    public String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw problem(field, "missing");
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        throw problem(field, "expected a string, got " + kind(v));
    }

    /** An optional string field, {@code null} when absent or null. */
    public String optionalText(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : text(field);
    }

    /**
     * An image file reference in a field: a short string, or an object with a {@code path} (a Hugging Face
     * {@code datasets} export); {@code null} when absent or when the field holds inline bytes instead.
     */
    public String imagePath(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            String s = v.asText();
            return s.length() <= 1024 && !s.startsWith("data:") ? s : null;
        }
        if (v.isObject() && v.hasNonNull("path") && v.get("path").isTextual()) {
            return v.get("path").asText();
        }
        return null;
    }

    /** Whether the record has a non-null field of that name. */
    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    /** The JSON type of a node in words, for messages. */
    static String kind(JsonNode v) {
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        return v.isNull() ? "null" : "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
