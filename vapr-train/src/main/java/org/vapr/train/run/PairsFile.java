package org.vapr.train.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vapr.core.InputException;
import org.vapr.core.InputProblem;
import org.vapr.core.io.Json;
import org.vapr.core.io.JsonlReader;
import org.vapr.core.manifest.Tally;

/**
 * Reads preference pairs from JSON Lines, one pair a line, in either of two layouts (decided per line):
 * VaPR's {@code pairs.jsonl} ({@code id, image, prompt, chosen, rejected, category}, image relative to the image root)
 * or TRL's vision DPO format ({@code images: [path]}, {@code prompt}/{@code chosen}/{@code rejected} as message lists
 * whose text parts are joined; the id is {@code id} when present, else {@code line-N}). A VaPR line may name a
 * {@code contrast_image} (relative to the image root): an image on which the chosen answer is wrong, for the
 * conditional preference term ({@code --conditional-weight}). Pairs whose image is missing are skipped and counted as
 * {@code missing_image}, those whose contrast image is missing as {@code missing_contrast_image}; a malformed line
 * stops with a one-line error naming file, line and field.
 */
public final class PairsFile {
    private PairsFile() {
    }

    public static List<PreferenceText> read(Path file, Path images, Tally skipped) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": no such file");
        }
        List<PreferenceText> pairs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (JsonlReader in = JsonlReader.open(file)) {
            for (JsonlReader.Line line = in.next(); line != null; line = in.next()) {
                JsonNode o;
                try {
                    o = Json.mapper().readTree(line.bytes());
                } catch (IOException e) {
                    throw bad(file, line, "", "malformed JSON");
                }
                if (o == null || !o.isObject()) {
                    throw bad(file, line, "", "expected a JSON object");
                }
                PreferenceText p = o.path("prompt").isArray() ? trl(file, line, o, images) : vapr(file, line, o, images);
                if (!ids.add(p.id())) {
                    throw bad(file, line, "id", "duplicate pair id '" + p.id() + "'");
                }
                if (!Files.isRegularFile(p.image())) {
                    skipped.add("missing_image");
                    continue;
                }
                if (p.contrastImage() != null && !Files.isRegularFile(p.contrastImage())) {
                    skipped.add("missing_contrast_image");
                    continue;
                }
                pairs.add(p);
            }
        }
        return pairs;
    }

    private static PreferenceText vapr(Path file, JsonlReader.Line line, JsonNode o, Path images) {
        String category = o.hasNonNull("category") ? text(file, line, o, "category") : null;
        Path contrast = o.hasNonNull("contrast_image") ? images.resolve(text(file, line, o, "contrast_image")) : null;
        return new PreferenceText(text(file, line, o, "id"), images.resolve(text(file, line, o, "image")),
                text(file, line, o, "prompt"), text(file, line, o, "chosen"), text(file, line, o, "rejected"), category,
                contrast);
    }

    private static PreferenceText trl(Path file, JsonlReader.Line line, JsonNode o, Path images) {
        JsonNode imgs = o.get("images");
        if (imgs == null || !imgs.isArray() || imgs.size() != 1 || !imgs.get(0).isTextual()) {
            throw bad(file, line, "images", "expected a list of exactly one image path");
        }
        String id = o.hasNonNull("id") ? text(file, line, o, "id") : "line-" + line.number();
        return new PreferenceText(id, images.resolve(imgs.get(0).asText()), messages(file, line, o, "prompt"),
                messages(file, line, o, "chosen"), messages(file, line, o, "rejected"), null);
    }

    private static String messages(Path file, JsonlReader.Line line, JsonNode o, String field) {
        JsonNode list = o.get(field);
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw bad(file, line, field, "expected a non-empty list of messages");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            JsonNode content = list.get(i).get("content");
            if (content != null && content.isTextual()) {
                sb.append(sb.isEmpty() ? "" : " ").append(content.asText());
                continue;
            }
            if (content == null || !content.isArray()) {
                throw bad(file, line, field + "[" + i + "].content", "expected a string or a list of parts");
            }
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                    sb.append(sb.isEmpty() ? "" : " ").append(part.get("text").asText());
                }
            }
        }
        if (sb.isEmpty()) {
            throw bad(file, line, field, "no text part");
        }
        return sb.toString();
    }

    private static String text(Path file, JsonlReader.Line line, JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw bad(file, line, field, "missing");
        }
        if (!v.isTextual()) {
            throw bad(file, line, field, "expected a string, got " + v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        return v.asText();
    }

    private static InputException bad(Path file, JsonlReader.Line line, String field, String message) {
        return new InputException(new InputProblem(file.toString(), line.number(), line.byteOffset(), field, message, true));
    }
}
