package org.vapr.analysis.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;
import org.vapr.core.io.JsonlReader;

/**
 * Tells a file's record shape and, for {@code --format auto}, its format from the first record's fields. Only the
 * first record is read. Unknown layouts give one line naming the file and the fields found.
 */
public final class FormatDetector {
    private FormatDetector() {
    }

    /** The shape of {@code file} and its format: {@code requested}, or detected when that is {@code AUTO}. */
    public static Detection detect(Path file, SourceFormat requested) throws IOException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(name);
        }
        rejectParquet(file);
        int first = firstSignificantByte(file);
        if (first < 0) {
            throw new InputException(name + ": empty file, no records");
        }
        if (first == '[') {
            JsonNode rec = firstArrayElement(file);
            return new Detection(requested == SourceFormat.AUTO ? classify(name, "record 0", rec) : requested, RecordShape.ARRAY);
        }
        if (first != '{') {
            throw new InputException(name + ": not JSON or JSONL (starts with '" + (char) first + "')");
        }
        if (requested == SourceFormat.AUTO || requested == SourceFormat.HA_DPO) {
            JsonNode firstValue = firstFieldValue(file);
            if (firstValue != null && isChosenRejectedLists(firstValue)) {
                return new Detection(SourceFormat.HA_DPO, RecordShape.KEYED_OBJECT);
            }
        }
        if (requested != SourceFormat.AUTO) {
            return new Detection(requested, RecordShape.JSONL);
        }
        return new Detection(classify(name, "line 1", firstLine(file)), RecordShape.JSONL);
    }

    /** The format a record's fields show, or an {@link InputException} naming them. */
    static SourceFormat classify(String file, String where, JsonNode r) {
        if (r == null || !r.isObject()) {
            throw new InputException(file + ": " + where + ": cannot tell the format: expected a JSON object, got "
                    + JsonFields.kind(r) + "; pass --format (one of: " + SourceFormat.ids() + ")");
        }
        boolean chosen = r.has("chosen");
        boolean rejected = r.has("rejected");
        if (r.path("completions").isArray()) {
            return SourceFormat.VLFEEDBACK;
        }
        if (r.has("conversations") && r.has("rejected_conversations")) {
            return SourceFormat.POVID;
        }
        if (r.has("conversations") && chosen && rejected) {
            return SourceFormat.LLAMAFACTORY;
        }
        if (r.has("image_id") && chosen && r.has("reject")) {
            return SourceFormat.HA_DPO;
        }
        if (r.has("text") && !chosen) {
            return SourceFormat.RLHF_V;
        }
        if (r.has("question") && chosen && rejected) {
            return SourceFormat.RLAIF_V;
        }
        if (chosen && rejected) {
            if (r.get("chosen").isArray() || r.path("prompt").isArray() || r.has("images")) {
                return SourceFormat.TRL;
            }
            if (r.has("edit") || r.has("source_id")) {
                return SourceFormat.VAPR;
            }
            if (r.has("image") && r.has("prompt")) {
                return SourceFormat.LLAVA_NEXT;
            }
            if (r.has("prompt")) {
                return SourceFormat.TRL;
            }
        }
        List<String> fields = new ArrayList<>();
        r.fieldNames().forEachRemaining(fields::add);
        throw new InputException(file + ": " + where + ": cannot tell the format: found fields " + fields
                + "; pass --format (one of: " + SourceFormat.ids() + ")");
    }

    static boolean isChosenRejectedLists(JsonNode v) {
        return v.isObject() && v.path("chosen").isArray() && v.path("rejected").isArray();
    }

    private static void rejectParquet(Path file) throws IOException {
        boolean named = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        }
        boolean magic = n == 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1';
        if (named || magic) {
            throw new InputException(file + ": Parquet is not read yet; export its text columns to JSONL first, e.g. "
                    + "python -c \"import pandas as p; p.read_parquet('IN.parquet').drop(columns=['image'], errors='ignore')"
                    + ".to_json('OUT.jsonl', orient='records', lines=True)\", and analyze OUT.jsonl");
        }
    }

    private static int firstSignificantByte(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            int b;
            int pos = 0;
            while ((b = in.read()) >= 0) {
                if (pos < 3 && (b == 0xEF || b == 0xBB || b == 0xBF)) {
                    pos++;
                    continue;
                }
                pos = 3;
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    return b;
                }
            }
            return -1;
        }
    }

    private static JsonNode firstArrayElement(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             JsonParser p = Json.factory().createParser(in)) {
            p.setCodec(Json.mapper());
            p.nextToken();
            JsonToken t = p.nextToken();
            if (t == null || t == JsonToken.END_ARRAY) {
                throw new InputException(file + ": empty JSON array, no records");
            }
            return t == JsonToken.START_OBJECT ? p.readValueAsTree() : null;
        } catch (JsonProcessingException e) {
            throw new InputException(file + ": record 0: malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** The value of the top-level object's first field, if it is an object; else {@code null}. */
    private static JsonNode firstFieldValue(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             JsonParser p = Json.factory().createParser(in)) {
            p.setCodec(Json.mapper());
            p.nextToken();
            if (p.nextToken() != JsonToken.FIELD_NAME) {
                return null;
            }
            return p.nextToken() == JsonToken.START_OBJECT ? p.readValueAsTree() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static JsonNode firstLine(Path file) throws IOException {
        try (JsonlReader r = JsonlReader.open(file)) {
            JsonlReader.Line line = r.next();
            try {
                return Json.mapper().readTree(line.bytes());
            } catch (JsonProcessingException e) {
                throw new InputException(file + ": line " + line.number() + ": cannot tell the format: not a complete "
                        + "JSON object on one line (JSONL) nor a JSON array: " + e.getOriginalMessage());
            }
        }
    }
}
