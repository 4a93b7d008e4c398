package org.vapr.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vapr.core.InputException;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.io.Json;

/**
 * One score of models trained on datasets of several sizes (the paper's 3K / 10K / 30K study), read from the
 * {@code scores.json} files {@code vapr eval score|run|judge} wrote: the data of a scaling plot. Each curve is a
 * series (e.g. a preference dataset) with one point per training-set size; references are single models drawn as
 * levels (e.g. the SFT starting point). All files must score the same benchmark with the same parser (and judge).
 *
 * @param benchmark  the benchmark every file scored
 * @param parser     the answer parser every file used, or {@code null} (judge benchmarks, world-qa)
 * @param judgeModel the judge every file used, or {@code null} (not a judge benchmark)
 * @param score      the score plotted, e.g. {@code average/f1}, {@code g_acc} or {@code all}
 * @param scale      {@code fraction} (eval score/run: values in [0, 1]) or {@code points} (eval judge: 0–100)
 * @param curves     the series in the order first named, points in ascending size
 * @param references the reference models in the order given
 */
public record ScalingCurves(String benchmark, String parser, String judgeModel, String score, String scale,
                            List<Curve> curves, List<Reference> references) {

    /**
     * One model of a curve.
     *
     * @param size   its training-set size (pairs, examples: the unit is the user's)
     * @param value  the score
     * @param ciLow  the bootstrap interval's lower bound, or {@code null} when the file has none
     * @param ciHigh the upper bound, or {@code null}
     * @param source the scores file it was read from
     */
    public record Point(long size, double value, Double ciLow, Double ciHigh, String source) {
    }

    /** A named series of points, ascending in size. */
    public record Curve(String name, List<Point> points) {
    }

    /** A single model drawn as a level across the plot (its interval as a band). */
    public record Reference(String name, double value, Double ciLow, Double ciHigh, String source) {
    }

    /** One requested point: {@code series} at {@code size}, read from {@code file} (a scores.json or its folder). */
    public record PointFile(String series, long size, Path file) {
    }

    /** One requested reference: {@code name}, read from {@code file} (a scores.json or its folder). */
    public record ReferenceFile(String name, Path file) {
    }

    /**
     * Reads the files.
     *
     * @param score the score to plot, or {@code null} for the first file's headline score ({@code primary};
     *              judge benchmarks: the overall row)
     * @throws IllegalArgumentException for a repeated series and size, a size below 1, or no points
     * @throws InputException           for a missing or malformed file, a file of another benchmark, parser or judge, or
     *                                  a file without the score, naming the file
     */
    public static ScalingCurves read(List<PointFile> points, List<ReferenceFile> references, String score) throws IOException {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no points to plot");
        }
        Set<String> seen = new HashSet<>();
        for (PointFile p : points) {
            if (p.size() < 1) {
                throw new IllegalArgumentException("series '" + p.series() + "': size must be at least 1, got " + p.size());
            }
            if (!seen.add(p.series() + "\u0000" + p.size())) {
                throw new IllegalArgumentException("series '" + p.series() + "' has two points at size " + p.size());
            }
        }
        ScoresFile first = ScoresFile.read(points.get(0).file());
        String chosen = score != null ? score : first.primary();
        if (chosen == null) {
            throw new InputException(first.path() + ": names no headline score; choose one with --score ("
                    + first.names() + ")");
        }
        Map<String, List<Point>> bySeries = new LinkedHashMap<>();
        for (PointFile p : points) {
            ScoresFile f = p.file().equals(points.get(0).file()) ? first : ScoresFile.read(p.file());
            f.requireSameKind(first);
            ScoresFile.Value v = f.value(chosen);
            bySeries.computeIfAbsent(p.series(), k -> new ArrayList<>())
                    .add(new Point(p.size(), v.value(), v.low(), v.high(), f.path().toString()));
        }
        List<Curve> curves = new ArrayList<>();
        bySeries.forEach((name, pts) -> {
            pts.sort(Comparator.comparingLong(Point::size));
            curves.add(new Curve(name, List.copyOf(pts)));
        });
        List<Reference> refs = new ArrayList<>();
        for (ReferenceFile r : references) {
            ScoresFile f = ScoresFile.read(r.file());
            f.requireSameKind(first);
            ScoresFile.Value v = f.value(chosen);
            refs.add(new Reference(r.name(), v.value(), v.low(), v.high(), f.path().toString()));
        }
        return new ScalingCurves(first.benchmark(), first.parser(), first.judgeModel(), chosen, first.scale(),
                List.copyOf(curves), List.copyOf(refs));
    }

    /** Writes the curves as pretty-printed JSON (snake_case), atomically. */
    public void writeJson(Path file) throws IOException {
        AtomicFiles.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
    }

    /** {@code v} as shown: percent for fractions, as is for 0–100 scores. */
    public double shown(double v) {
        return scale.equals("fraction") ? 100 * v : v;
    }

    /** The one-screen table: series, size, score and interval (percent or points), then the references. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s %s%s%n", benchmark, score,
                parser == null ? "" : " (" + parser + " parser)"));
        b.append(String.format(Locale.ROOT, "%-24s %10s %8s %17s%n", "series", "size", "score", "95% CI"));
        for (Curve c : curves) {
            for (Point p : c.points()) {
                b.append(String.format(Locale.ROOT, "%-24s %,10d %8.1f %17s%n", c.name(), p.size(), shown(p.value()),
                        interval(p.ciLow(), p.ciHigh())));
            }
        }
        for (Reference r : references) {
            b.append(String.format(Locale.ROOT, "%-24s %10s %8.1f %17s%n", r.name(), "reference", shown(r.value()),
                    interval(r.ciLow(), r.ciHigh())));
        }
        return b.toString();
    }

    private String interval(Double low, Double high) {
        return low == null || high == null ? "-"
                : String.format(Locale.ROOT, "[%.1f, %.1f]", shown(low), shown(high));
    }

    /**
     * A scores file of either kind: {@code vapr eval score|run} ({@link ScoreReport}: {@code scores[].value},
     * {@code ci_low}, {@code ci_high} as fractions, {@code primary}) or {@code vapr eval judge}
     * ({@code scores[].score}, {@code ci95.low/high} on 0–100, overall row {@code all} or {@code total}).
     */
    record ScoresFile(Path path, String benchmark, String parser, String judgeModel, String primary, String scale,
                      Map<String, Value> values) {

        record Value(double value, Double low, Double high) {
        }

        static ScoresFile read(Path given) throws IOException {
            Path path = Files.isDirectory(given) ? given.resolve("scores.json") : given;
            if (!Files.isRegularFile(path)) {
                throw new InputException(path + ": no such file (a scores.json of vapr eval score, run or judge)");
            }
            JsonNode root;
            try {
                root = Json.mapper().readTree(path.toFile());
            } catch (IOException e) {
                throw new InputException(path + ": not valid JSON: " + firstLine(e.getMessage()));
            }
            if (root == null || !root.isObject()) {
                throw new InputException(path + ": expected a JSON object (a scores.json of vapr eval score, run or judge)");
            }
            if (!root.path("benchmark").isTextual()) {
                throw new InputException(path + ": field 'benchmark': missing or not a string");
            }
            JsonNode scores = root.path("scores");
            if (!scores.isArray()) {
                throw new InputException(path + ": field 'scores': missing or not an array");
            }
            boolean judge = root.has("judge_model");
            Map<String, Value> values = new LinkedHashMap<>();
            for (int i = 0; i < scores.size(); i++) {
                JsonNode row = scores.get(i);
                String field = judge ? "score" : "value";
                if (!row.path("name").isTextual()) {
                    throw new InputException(path + ": scores[" + i + "]: field 'name': missing or not a string");
                }
                JsonNode v = row.path(field);
                if (v.isNull() || v.isMissingNode()) {
                    continue; // undefined (e.g. F1 without positives): not plottable, and not offered
                }
                if (!v.isNumber()) {
                    throw new InputException(path + ": scores[" + i + "]: field '" + field + "': expected a number");
                }
                JsonNode lo = judge ? row.path("ci95").path("low") : row.path("ci_low");
                JsonNode hi = judge ? row.path("ci95").path("high") : row.path("ci_high");
                values.put(row.get("name").asText(), new Value(v.asDouble(),
                        lo.isNumber() ? lo.asDouble() : null, hi.isNumber() ? hi.asDouble() : null));
            }
            String primary = judge ? (values.containsKey("all") ? "all" : values.containsKey("total") ? "total" : null)
                    : root.path("primary").isTextual() ? root.get("primary").asText() : null;
            return new ScoresFile(path, root.get("benchmark").asText(),
                    root.path("parser").isTextual() ? root.get("parser").asText() : null,
                    judge ? root.get("judge_model").asText() : null, primary, judge ? "points" : "fraction", values);
        }

        Value value(String name) {
            Value v = values.get(name);
            if (v == null) {
                throw new InputException(path + ": no score '" + name + "' (it has " + names() + ")");
            }
            return v;
        }

        String names() {
            List<String> n = new ArrayList<>(values.keySet());
            return n.size() <= 12 ? String.join(", ", n) : String.join(", ", n.subList(0, 12)) + ", … " + n.size() + " in all";
        }

        void requireSameKind(ScoresFile first) {
            if (!benchmark.equals(first.benchmark())) {
                throw new InputException(path + ": benchmark '" + benchmark + "', but " + first.path() + " is '"
                        + first.benchmark() + "': a plot compares one benchmark");
            }
            if (!java.util.Objects.equals(parser, first.parser())) {
                throw new InputException(path + ": parser '" + parser + "', but " + first.path() + " used '"
                        + first.parser() + "': scores read by different parsers are not comparable");
            }
            if (!java.util.Objects.equals(judgeModel, first.judgeModel())) {
                throw new InputException(path + ": judge '" + judgeModel + "', but " + first.path() + " was judged by '"
                        + first.judgeModel() + "': scores from different judges are not comparable");
            }
        }

        private static String firstLine(String s) {
            if (s == null) {
                return "";
            }
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }
    }
}
