package org.vapr.analysis.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;
import org.vapr.analysis.PreferenceSample;
import org.vapr.core.io.Json;

/**
 * A streaming fast path for the flat layouts ({@code vapr} and {@code llava-next}: {@code id, prompt, chosen, rejected,
 * category, image}) that reads the few fields a pair needs without building a tree. It only accepts the plain case:
 * one JSON object whose needed fields are strings (or absent where optional), each at most once, and nothing but
 * whitespace after it. Anything else gives {@code null}, and the caller reads the line the general way, so problems
 * and their messages stay exactly those of the tree reader.
 */
final class FlatRecordParser {
    private FlatRecordParser() {
    }

    /** The pair of one JSONL line, or {@code null} when the line needs the general reader. */
    static PreferenceSample parse(byte[] line, long index) {
        try (JsonParser p = Json.factory().createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String id = null;
            String prompt = null;
            String chosen = null;
            String rejected = null;
            String category = null;
            String image = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                int which = switch (name) {
                    case "id" -> 0;
                    case "prompt" -> 1;
                    case "chosen" -> 2;
                    case "rejected" -> 3;
                    case "category" -> 4;
                    case "image" -> 5;
                    default -> -1;
                };
                if (which < 0) {
                    if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                        p.skipChildren();
                    }
                    continue;
                }
                if (v != JsonToken.VALUE_STRING) {
                    return null;
                }
                String s = p.getText();
                switch (which) {
                    case 0 -> { if (id != null) return null; id = s; }
                    case 1 -> { if (prompt != null) return null; prompt = s; }
                    case 2 -> { if (chosen != null) return null; chosen = s; }
                    case 3 -> { if (rejected != null) return null; rejected = s; }
                    case 4 -> { if (category != null) return null; category = s; }
                    default -> { if (image != null) return null; image = s; }
                }
            }
            if (t != JsonToken.END_OBJECT || prompt == null || chosen == null || rejected == null) {
                return null;
            }
            if (!onlyWhitespaceAfter(line, (int) p.currentLocation().getByteOffset())) {
                return null;
            }
            return new PreferenceSample(id != null ? id : String.valueOf(index), prompt, chosen, rejected, category,
                    image == null ? List.of() : List.of(image));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean onlyWhitespaceAfter(byte[] b, int from) {
        for (int i = Math.max(0, from); i < b.length; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n') {
                return false;
            }
        }
        return true;
    }
}
