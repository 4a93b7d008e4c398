package org.vapr.pipeline.edit.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vapr.core.InputException;
import org.vapr.core.InputProblem;
import org.vapr.core.io.Json;

/**
 * Captions as the editor's visual context ({@code --context captions:FILE}). Reads either a COCO captions
 * annotation file ({@code {"images": [{"id", "file_name"}], "annotations": [{"image_id", "caption"}]}}, streamed
 * record by record) or, for a {@code .jsonl} file, lines {@code {"image", "caption"}}. Images are matched by
 * their path, else by their file name, so {@code coco/train2017/000000000009.jpg} finds COCO's
 * {@code 000000000009.jpg}. Bad records are counted and skipped ({@link #badRecords()}), or stop the load in
 * strict mode. Immutable once loaded.
 */
public final class CaptionContext implements VisualContext {
    /** At most this many captions are shown per image. */
    public static final int MAX_CAPTIONS = 5;

    private final Path file;
    private final Map<String, List<String>> byPath;
    private final Map<String, List<String>> byName;
    private final long badRecords;
    private final String firstProblem;

    private CaptionContext(Path file, Map<String, List<String>> byPath, long badRecords, String firstProblem) {
        this.file = file;
        this.byPath = byPath;
        this.byName = new HashMap<>();
        byPath.forEach((k, v) -> byName.merge(fileName(k), v, (a, b) -> {
            List<String> m = new ArrayList<>(a);
            m.addAll(b);
            return m;
        }));
        this.badRecords = badRecords;
        this.firstProblem = firstProblem;
    }

    /**
     * Loads a captions file.
     *
     * @param strict whether the first bad record throws instead of being counted
     * @throws InputException on a file that is not JSON of either shape, or a bad record in strict mode
     */
    public static CaptionContext load(Path file, boolean strict) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": no such file (--context captions:FILE)");
        }
        Loader l = new Loader(file, strict);
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jsonl")) {
            l.readLines();
        } else {
            l.readCoco();
        }
        return new CaptionContext(file, l.captions(), l.bad, l.firstProblem);
    }

    @Override
    public String kind() {
        return "captions";
    }

    /** The captions file. */
    public Path file() {
        return file;
    }

    /** Records skipped as bad. */
    public long badRecords() {
        return badRecords;
    }

    /** The first bad record's one-line problem, or {@code null}. */
    public String firstProblem() {
        return firstProblem;
    }

    /** Images with at least one caption. */
    public int size() {
        return byPath.size();
    }

    @Override
    public Optional<String> describe(String image) {
        List<String> c = byPath.get(image);
        if (c == null) {
            c = byName.get(fileName(image));
        }
        if (c == null || c.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder("Captions written by people:");
        c.stream().limit(MAX_CAPTIONS).forEach(x -> b.append("\n- ").append(x));
        return Optional.of(b.toString());
    }

    private static String fileName(String path) {
        int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return i < 0 ? path : path.substring(i + 1);
    }

    /** Streams one file into image → captions. */
    private static final class Loader {
        private final Path file;
        private final boolean strict;
        private final ObjectMapper mapper = Json.mapper();
        private final Map<String, String> fileNames = new HashMap<>();
        private final Map<String, List<String>> captionsById = new HashMap<>();
        private final Map<String, List<String>> captionsByImage = new HashMap<>();
        long bad;
        String firstProblem;

        Loader(Path file, boolean strict) {
            this.file = file;
            this.strict = strict;
        }

        void problem(long record, long offset, String field, String message, boolean lineBased) {
            InputProblem p = new InputProblem(file.toString(), record, offset, field, message, lineBased);
            if (strict) {
                throw new InputException(p);
            }
            bad++;
            if (firstProblem == null) {
                firstProblem = p.toLine();
            }
        }

        void readLines() throws IOException {
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                long n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node;
                    try {
                        node = mapper.readTree(line);
                    } catch (IOException e) {
                        problem(n, -1, "", "not valid JSON", true);
                        continue;
                    }
                    String image = text(node, "image");
                    String caption = text(node, "caption");
                    if (image == null) {
                        problem(n, -1, "image", "missing or not a string", true);
                    } else if (caption == null) {
                        problem(n, -1, "caption", "missing or not a string", true);
                    } else {
                        captionsByImage.computeIfAbsent(image, k -> new ArrayList<>()).add(caption.strip());
                    }
                }
            }
        }

        void readCoco() throws IOException {
            try (InputStream in = Files.newInputStream(file); JsonParser p = mapper.getFactory().createParser(in)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new InputException(file + ": not a COCO captions file (expected a JSON object with images and annotations)");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken t = p.nextToken();
                    if (("images".equals(field) || "annotations".equals(field)) && t == JsonToken.START_ARRAY) {
                        long index = 0;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            long offset = p.currentTokenLocation().getByteOffset();
                            JsonNode node = mapper.readTree(p);
                            if ("images".equals(field)) {
                                image(node, index, offset);
                            } else {
                                annotation(node, index, offset);
                            }
                            index++;
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new InputException(file + ": not valid JSON: " + e.getOriginalMessage());
            }
        }

        private void image(JsonNode n, long index, long offset) {
            String id = id(n.get("id"));
            String name = text(n, "file_name");
            if (id == null) {
                problem(index, offset, "images[" + index + "].id", "missing or not a number/string", false);
            } else if (name == null) {
                problem(index, offset, "images[" + index + "].file_name", "missing or not a string", false);
            } else {
                fileNames.put(id, name);
            }
        }

        private void annotation(JsonNode n, long index, long offset) {
            String id = id(n.get("image_id"));
            String caption = text(n, "caption");
            if (id == null) {
                problem(index, offset, "annotations[" + index + "].image_id", "missing or not a number/string", false);
            } else if (caption == null) {
                problem(index, offset, "annotations[" + index + "].caption", "missing or not a string", false);
            } else {
                captionsById.computeIfAbsent(id, k -> new ArrayList<>()).add(caption.strip());
            }
        }

        Map<String, List<String>> captions() {
            Map<String, List<String>> out = new HashMap<>(captionsByImage);
            captionsById.forEach((id, caps) -> {
                String name = fileNames.get(id);
                if (name != null) {
                    out.merge(name, caps, (a, b) -> {
                        List<String> m = new ArrayList<>(a);
                        m.addAll(b);
                        return m;
                    });
                }
            });
            return out;
        }

        private static String id(JsonNode n) {
            if (n == null) {
                return null;
            }
            if (n.isIntegralNumber() || n.isTextual() && !n.asText().isBlank()) {
                return n.asText();
            }
            return null;
        }

        private static String text(JsonNode n, String field) {
            JsonNode v = n == null ? null : n.get(field);
            return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
        }
    }
}
