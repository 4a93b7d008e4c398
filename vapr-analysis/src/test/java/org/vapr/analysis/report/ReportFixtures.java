package org.vapr.analysis.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vapr.analysis.AnalysisSettings;
import org.vapr.analysis.BiasAnalysis;
import org.vapr.analysis.BiasReport;

/** Two small datasets for report tests: hard negatives (VaPR-like, categories) and long rewritten negatives. */
final class ReportFixtures {
    /** A category name that must come out escaped. */
    static final String NASTY_CATEGORY = "<script>alert(1)</script>&\"x'";

    private ReportFixtures() {
    }

    /** VaPR layout with categories: one or two words changed, lengths nearly equal. */
    static Path hardNegatives(Path dir) throws IOException {
        StringBuilder b = new StringBuilder();
        String[] cats = {"counting", "color", "spatial", NASTY_CATEGORY.replace("\"", "\\\"")};
        for (int i = 0; i < 200; i++) {
            String chosen = "There are " + (i % 7) + " red cubes near the " + (i % 2 == 0 ? "tree" : "wall") + "."
                    + (i % 4 == 0 ? " The scene also shows a long table with several chairs, a lamp and a window that looks onto a garden"
                    .repeat(1 + i % 5) : "");
            String rejected = chosen.replace("red", i % 3 == 0 ? "blue" : "green").replace("cubes", i % 5 == 0 ? "large spheres" : "cubes");
            b.append("{\"id\":\"").append(i).append("\",\"prompt\":\"q\",\"category\":\"").append(cats[i % cats.length])
                    .append("\",\"chosen\":\"").append(chosen).append("\",\"rejected\":\"").append(rejected)
                    .append("\",\"image\":\"i.png\",\"edit\":{}}\n");
        }
        Path f = dir.resolve("hard.jsonl");
        Files.writeString(f, b);
        return f;
    }

    /** LLaVA-NeXT layout, no categories: rejected answers rewritten at a different length. */
    static Path rewritten(Path dir) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            String chosen = "The image shows " + (i % 4 + 2) + " dogs playing in a park on a sunny day" + " with trees".repeat(i % 6) + ".";
            String rejected = i % 3 == 0 ? "Dogs." : "In this picture we can see a group of cats sleeping on a sofa inside a room, "
                    + "and there is a bright lamp next to a wooden bookshelf full of old books".repeat(1 + i % 4) + ".";
            b.append("{\"id\":\"n").append(i).append("\",\"prompt\":\"<image>\\nDescribe.\",\"chosen\":\"").append(chosen)
                    .append("\",\"rejected\":\"").append(rejected).append("\",\"image\":\"x.jpg\"}\n");
        }
        Path f = dir.resolve("rewritten.jsonl");
        Files.writeString(f, b);
        return f;
    }

    /** Both, labelled; the second label needs escaping. */
    static Map<String, BiasReport> compare(Path dir) throws IOException {
        Map<String, BiasReport> m = new LinkedHashMap<>();
        m.put("VaPR-like", BiasAnalysis.analyze(hardNegatives(dir), AnalysisSettings.defaults()));
        m.put("<b>POVID</b> & co", BiasAnalysis.analyze(rewritten(dir), AnalysisSettings.defaults()));
        return m;
    }
}
