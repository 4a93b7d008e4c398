package org.vapr.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A JSON schema the answer must follow, sent as
 * {@code response_format: {type: json_schema, json_schema: {name, schema, strict: true}}}.
 *
 * @param name   the schema's name ({@code [a-zA-Z0-9_-]}, as OpenAI requires)
 * @param schema the JSON schema
 */
public record ResponseSchema(String name, JsonNode schema) {
    public ResponseSchema {
        Objects.requireNonNull(schema, "schema");
        if (name == null || !name.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("schema name must match [a-zA-Z0-9_-]{1,64}: " + name);
        }
    }
}
