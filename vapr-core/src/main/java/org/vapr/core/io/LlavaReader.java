package org.vapr.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vapr.core.InputProblem;
import org.vapr.core.record.LlavaRecord;
import org.vapr.core.record.Message;

/**
 * Streams a LLaVA-format corpus record by record without loading it: a JSON array (as
 * {@code llava_v1_5_mix665k.json}) or JSON Lines of the same records, detected from the first byte.
 * Every record is validated field by field; a bad record yields a {@link ReadItem.Bad} naming the file,
 * record, byte offset and field, and reading goes on. Handles a UTF-8 BOM and CRLF line ends.
 */
public final class LlavaReader implements AutoCloseable {

    /** The two layouts a corpus can have. */
    public enum Format { JSON_ARRAY, JSONL }

    private final String fileName;
    private final Format format;
    private final InputStream in;
    private final JsonParser arrayParser;
    private final JsonlReader lines;
    private long index = -1;
    private boolean finished;

    private LlavaReader(String fileName, Format format, InputStream in) throws IOException {
        this.fileName = fileName;
        this.format = format;
        this.in = in;
        if (format == Format.JSON_ARRAY) {
            this.arrayParser = Json.factory().createParser(in);
            this.lines = null;
        } else {
            this.arrayParser = null;
            this.lines = JsonlReader.of(in, 0);
        }
    }

    /**
     * Opens a corpus file.
     *
     * @throws org.vapr.core.InputException if the file is empty or neither a JSON array nor JSON Lines
     */
    public static LlavaReader open(Path file) throws IOException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new org.vapr.core.InputException(name + ": no such file");
        }
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        Format format;
        try {
            format = detect(in, name);
        } catch (RuntimeException | IOException e) {
            in.close();
            throw e;
        }
        return new LlavaReader(name, format, in);
    }

    private static Format detect(BufferedInputStream in, String name) throws IOException {
        in.mark(1 << 16);
        int pos = 0;
        int c;
        while ((c = in.read()) != -1) {
            pos++;
            if (pos <= 3 && (c == 0xEF || c == 0xBB || c == 0xBF)) {
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (pos > (1 << 16) - 8) {
                    break;
                }
                continue;
            }
            break;
        }
        in.reset();
        if (c == '[') {
            return Format.JSON_ARRAY;
        }
        if (c == '{') {
            return Format.JSONL;
        }
        if (c == -1) {
            throw new org.vapr.core.InputException(name + ": empty file, expected a JSON array or JSON Lines");
        }
        throw new org.vapr.core.InputException(name + ": byte " + (pos - 1)
                + ": expected a JSON array ('[') or JSON Lines ('{'), found '" + (char) c + "'");
    }

    public Format format() {
        return format;
    }

    /** The next record or problem, or {@code null} at the end. */
    public ReadItem next() throws IOException {
        if (finished) {
            return null;
        }
        return format == Format.JSON_ARRAY ? nextFromArray() : nextFromLines();
    }

    private ReadItem nextFromArray() throws IOException {
        JsonParser p = arrayParser;
        boolean inRecord = false;
        try {
            if (index < 0) {
                JsonToken t = p.nextToken();
                if (t != JsonToken.START_ARRAY) {
                    return fatal(0, p.currentTokenLocation().getByteOffset(), "expected a JSON array");
                }
            }
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY || t == null) {
                finished = true;
                if (t == null) {
                    return fatal(index + 1, p.currentLocation().getByteOffset(), "unexpected end of file inside the array");
                }
                return afterArray(p);
            }
            index++;
            inRecord = true;
            long offset = p.currentTokenLocation().getByteOffset();
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                return new ReadItem.Bad(index, problem(index, offset, "", "expected an object, got " + describe(t), false), false);
            }
            return parseRecord(p, index, offset, 0, false);
        } catch (JsonProcessingException e) {
            long off = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            // an error before the next element's first token belongs to that element, not to the last one read
            return fatal(inRecord ? index : index + 1, off, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** Checks that only whitespace follows the closing bracket, so that nothing after it is dropped silently. */
    private ReadItem afterArray(JsonParser p) throws IOException {
        try {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            return fatal(-1, p.currentTokenLocation().getByteOffset(), "unexpected " + describe(t) + " after the end of the array");
        } catch (JsonProcessingException e) {
            long off = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            return fatal(-1, off, "malformed JSON after the end of the array: " + e.getOriginalMessage());
        }
    }

    private ReadItem fatal(long idx, long offset, String message) {
        finished = true;
        return new ReadItem.Bad(idx, problem(idx, offset, "", message, false), true);
    }

    private ReadItem nextFromLines() throws IOException {
        JsonlReader.Line line = lines.next();
        if (line == null) {
            finished = true;
            return null;
        }
        index = line.number();
        try (JsonParser p = Json.factory().createParser(line.bytes())) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                return new ReadItem.Bad(index, problem(index, line.byteOffset(), "", "expected an object, got " + describe(t), true), false);
            }
            ReadItem item = parseRecord(p, index, line.byteOffset(), line.byteOffset(), true);
            if (item instanceof ReadItem.Ok && p.nextToken() != null) {
                return new ReadItem.Bad(index, problem(index, line.byteOffset(), "", "trailing content after the record", true), false);
            }
            return item;
        } catch (JsonProcessingException e) {
            long off = e.getLocation() == null ? line.byteOffset() : line.byteOffset() + e.getLocation().getByteOffset();
            return new ReadItem.Bad(index, problem(index, off, "", "malformed JSON: " + e.getOriginalMessage(), true), false);
        }
    }

    private ReadItem parseRecord(JsonParser p, long idx, long recordOffset, long base, boolean lineBased) throws IOException {
        String id = null;
        String image = null;
        List<Message> conversations = null;
        InputProblem first = null;
        boolean sawId = false;
        boolean sawConversations = false;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            long fieldOffset = base + p.currentTokenLocation().getByteOffset();
            switch (name) {
                case "id" -> {
                    sawId = true;
                    if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT) {
                        id = p.getText();
                    } else {
                        first = first != null ? first : problem(idx, fieldOffset, "id", "expected a string, got " + describe(v), lineBased);
                        p.skipChildren();
                    }
                }
                case "image" -> {
                    if (v == JsonToken.VALUE_STRING) {
                        image = p.getText();
                    } else if (v != JsonToken.VALUE_NULL) {
                        first = first != null ? first : problem(idx, fieldOffset, "image", "expected a string, got " + describe(v), lineBased);
                        p.skipChildren();
                    }
                }
                case "conversations" -> {
                    sawConversations = true;
                    if (v != JsonToken.START_ARRAY) {
                        first = first != null ? first : problem(idx, fieldOffset, "conversations", "expected an array, got " + describe(v), lineBased);
                        p.skipChildren();
                    } else {
                        conversations = new ArrayList<>();
                        InputProblem mp = parseMessages(p, idx, base, lineBased, conversations);
                        first = first != null ? first : mp;
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IllegalStateException("unexpected token " + t);
        }
        if (first == null && !sawId) {
            first = problem(idx, recordOffset, "id", "missing", lineBased);
        }
        if (first == null && !sawConversations) {
            first = problem(idx, recordOffset, "conversations", "missing", lineBased);
        }
        if (first == null && conversations.isEmpty()) {
            first = problem(idx, recordOffset, "conversations", "empty", lineBased);
        }
        if (first != null) {
            return new ReadItem.Bad(idx, first, false);
        }
        return new ReadItem.Ok(idx, recordOffset, new LlavaRecord(id, image, conversations));
    }

    private InputProblem parseMessages(JsonParser p, long idx, long base, boolean lineBased, List<Message> out) throws IOException {
        InputProblem first = null;
        int i = -1;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            i++;
            long offset = base + p.currentTokenLocation().getByteOffset();
            String path = "conversations[" + i + "]";
            if (t != JsonToken.START_OBJECT) {
                first = first != null ? first : problem(idx, offset, path, "expected an object, got " + describe(t), lineBased);
                p.skipChildren();
                continue;
            }
            String from = null;
            String value = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                long fo = base + p.currentTokenLocation().getByteOffset();
                if (name.equals("from") || name.equals("value")) {
                    if (v != JsonToken.VALUE_STRING) {
                        first = first != null ? first : problem(idx, fo, path + "." + name, "expected a string, got " + describe(v), lineBased);
                        p.skipChildren();
                    } else if (name.equals("from")) {
                        from = p.getText();
                    } else {
                        value = p.getText();
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (first != null) {
                continue;
            }
            if (from == null) {
                first = problem(idx, offset, path + ".from", "missing", lineBased);
            } else if (value == null) {
                first = problem(idx, offset, path + ".value", "missing", lineBased);
            } else {
                String speaker = switch (from) {
                    case "human", "user" -> Message.HUMAN;
                    case "gpt", "assistant" -> Message.GPT;
                    default -> null;
                };
                if (speaker == null) {
                    first = problem(idx, offset, path + ".from", "unknown speaker '" + from + "' (expected human or gpt)", lineBased);
                } else {
                    out.add(new Message(speaker, value));
                }
            }
        }
        return first;
    }

    private InputProblem problem(long idx, long offset, String field, String message, boolean lineBased) {
        return new InputProblem(fileName, idx, offset, field, message, lineBased);
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    @Override
    public void close() throws IOException {
        if (arrayParser != null) {
            arrayParser.close();
        }
        if (lines != null) {
            lines.close();
        }
        in.close();
    }
}
