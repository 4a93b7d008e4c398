package org.vapr.analysis.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Typed access to record fields; every failure is a {@link FieldException} naming the field's JSON path. */
final class JsonFields {
    private JsonFields() {
    }

    static boolean has(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && !v.isNull();
    }

    /** A required string field. */
    static String text(JsonNode n, String field) {
        return text(n, field, field);
    }

    static String text(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new FieldException(path, "missing");
        }
        if (!v.isTextual()) {
            throw new FieldException(path, "expected a string, got " + kind(v));
        }
        return v.asText();
    }

    /** An optional string field: {@code null} when absent; a wrong type is still an error. */
    static String optText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isNumber()) {
            return v.asText();
        }
        throw new FieldException(field, "expected a string, got " + kind(v));
    }

    /** A required array field. */
    static JsonNode array(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new FieldException(field, "missing");
        }
        if (!v.isArray()) {
            throw new FieldException(field, "expected an array, got " + kind(v));
        }
        return v;
    }

    /** Image references from a string or an array of strings (or of {path: …} objects); empty when absent. */
    static List<String> images(JsonNode n, String field) {
        JsonNode v = n.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isTextual()) {
            out.add(v.asText());
        } else if (v.isArray()) {
            for (JsonNode e : v) {
                if (e.isTextual()) {
                    out.add(e.asText());
                } else if (e.isObject() && e.path("path").isTextual()) {
                    out.add(e.path("path").asText());
                }
            }
        } else if (v.isObject() && v.path("path").isTextual()) {
            out.add(v.path("path").asText());
        } else if (!v.isObject()) {
            throw new FieldException(field, "expected a string or an array, got " + kind(v));
        }
        return out;
    }

    /** "a number", "an object", … for error messages. */
    static String kind(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
