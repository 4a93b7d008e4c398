package org.vapr.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small LLaVA-format corpora (with image files) for the tests. */
final class CorpusFixture {
    static final String[] COLORS = {"red", "blue", "green", "yellow"};
    static final String[] SHAPES = {"circle", "square", "star", "triangle"};
    private static final ObjectMapper M = new ObjectMapper();

    private CorpusFixture() {
    }

    static String colorOf(int i) {
        return COLORS[i % COLORS.length];
    }

    static Map<String, Object> record(String id, String image, String... qa) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        if (image != null) {
            r.put("image", image);
        }
        List<Map<String, String>> conv = new ArrayList<>();
        for (int k = 0; k < qa.length; k++) {
            conv.add(Map.of("from", k % 2 == 0 ? "human" : "gpt", "value", qa[k]));
        }
        r.put("conversations", conv);
        return r;
    }

    /** A corpus of {@code n} image records covering all ten categories plus records the filters drop. */
    static List<Map<String, Object>> records(int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String c = colorOf(i);
            String c2 = COLORS[(i + 1) % COLORS.length];
            String s = SHAPES[i % SHAPES.length];
            String s2 = SHAPES[(i + 1) % SHAPES.length];
            String img = "synth/" + i + ".png";
            out.add(record("w" + i, img,
                    "<image>\nHow many " + c + " " + s + "s are there?\nAnswer the question using a single word or phrase.", String.valueOf(2 + i % 4),
                    "What color is the " + s + "?\nAnswer the question using a single word or phrase.", cap(c),
                    "Is there a " + c2 + " " + s2 + " in the image?", i % 3 == 0 ? "No" : "Yes",
                    "Where is the " + s + " relative to the " + s2 + "?", i % 2 == 0 ? "Left" : "Right",
                    "What size is the " + s + "?", i % 2 == 0 ? "Small" : "Large",
                    "What shape is the " + c + " object?", cap(s),
                    "What is the weather like in the image?", i % 2 == 0 ? "Sunny" : "Cloudy",
                    "Please provide a short description for this region: [0.10, 0.20, 0.30, 0.40]", "A " + c + " striped " + s + ".",
                    "Why might the " + s + " look bright?", "The " + s + " looks bright because the day is sunny and the " + c + " paint is glossy.",
                    "Describe the image in detail.", "A " + c + " " + s + " is to the left of a small " + c2 + " " + s2 + " on a sunny day."));
            if (i % 10 == 0) {
                out.add(record("t" + i, null, "What is the capital of France?", "Paris"));
                out.add(record("o" + i, "ocr_vqa/images/" + i + ".jpg", "<image>\nWho wrote this book?", "Someone"));
                out.add(record("m" + i, img, "<image>\nWhich shape is red?\nA. circle\nB. star\nAnswer with the option's letter from the given choices directly.", "A"));
                out.add(record("b" + i, img, "<image>\nPlease provide the bounding box coordinate of the region this sentence describes: the " + c + " " + s + ".",
                        "[0.10, 0.20, 0.30, 0.40]"));
            }
        }
        return out;
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static Path writeJson(Path file, List<Map<String, Object>> records) throws IOException {
        Files.write(file, M.writerWithDefaultPrettyPrinter().writeValueAsBytes(records));
        return file;
    }

    static Path writeJsonl(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    static List<String> jsonLines(List<Map<String, Object>> records) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> r : records) {
            lines.add(M.writeValueAsString(r));
        }
        return lines;
    }

    /** Creates an (empty) image file for every distinct image of the records except {@code skip}. */
    static Path images(Path root, List<Map<String, Object>> records, String skip) throws IOException {
        for (Map<String, Object> r : records) {
            Object img = r.get("image");
            if (img != null && !img.equals(skip)) {
                Path p = root.resolve((String) img);
                Files.createDirectories(p.getParent());
                if (!Files.exists(p)) {
                    Files.write(p, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
                }
            }
        }
        return root;
    }
}
