package org.vapr.analysis.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vapr.core.InputException;
import org.vapr.core.InputProblem;
import org.vapr.core.io.Json;
import org.vapr.core.io.JsonlReader;

/**
 * One training run as the report sees it: the logging steps and evaluations of its {@code metrics.jsonl}, the pairs of
 * an optional log-probability dump, and its {@code manifest.json} when there is one. Built by {@link #read}, which
 * validates every line and reports the first bad one as an {@link InputException} naming file, line and field.
 *
 * @param label    the name shown on charts and tables (e.g. {@code VaPR}, {@code POVID-style})
 * @param runDir   the run directory as given
 * @param steps    the logging steps (lines with at least one of {@link #KNOWN_METRICS}), in file order
 * @param evals    the evaluations (keys without the {@code eval_} prefix; at least one known metric), in file order
 * @param pairs    the pair dump, in file order; empty without a dump
 * @param manifest the run's manifest as a JSON object (key order kept), or {@code null} when the directory has none
 */
public record TrainingRun(String label, Path runDir, List<LoggedStep> steps, List<LoggedStep> evals, List<PairLogps> pairs,
                          Map<String, Object> manifest) {
    /** The metrics file inside a run directory. */
    public static final String METRICS_FILE = "metrics.jsonl";
    /** The manifest inside a run directory. */
    public static final String MANIFEST_FILE = "manifest.json";
    /** The metrics the engine logs; a line with a non-numeric value for one of these (or its {@code eval_} form) is bad. */
    public static final Set<String> KNOWN_METRICS = Set.of("loss", "rewards/chosen", "rewards/rejected", "rewards/accuracies",
            "rewards/margins", "logps/chosen", "logps/rejected", "learning_rate", "grad_norm");
    /** The prefix of evaluation metrics. */
    public static final String EVAL_PREFIX = "eval_";

    /** JSON with the non-standard tokens {@code NaN} and {@code Infinity}, which Python's json module writes. */
    private static final ObjectReader LENIENT = Json.mapper().reader().with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);

    public TrainingRun {
        steps = List.copyOf(steps);
        evals = List.copyOf(evals);
        pairs = List.copyOf(pairs);
        manifest = manifest == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(manifest));
    }

    /**
     * Reads {@code runDir/metrics.jsonl} (required), {@code runDir/manifest.json} (if present) and the pair dump.
     *
     * @param runDir     the training output directory
     * @param dumpOrNull the {@code --dump-pairs} file, or {@code null}
     * @param label      the run's name on the report
     * @throws InputException for a missing metrics file or a bad line, naming file, line and field
     */
    public static TrainingRun read(Path runDir, Path dumpOrNull, String label) throws IOException {
        Path metrics = runDir.resolve(METRICS_FILE);
        if (!Files.isRegularFile(metrics)) {
            throw new InputException(metrics + ": not found (a training run directory holds " + METRICS_FILE + ")");
        }
        List<LoggedStep> steps = new ArrayList<>();
        List<LoggedStep> evals = new ArrayList<>();
        readMetrics(metrics, steps, evals);
        List<PairLogps> pairs = dumpOrNull == null ? List.of() : readDump(dumpOrNull);
        Path manifestFile = runDir.resolve(MANIFEST_FILE);
        Map<String, Object> manifest = Files.isRegularFile(manifestFile) ? readManifest(manifestFile) : null;
        return new TrainingRun(label, runDir, steps, evals, pairs, manifest);
    }

    /** Whether a step or evaluation logs a finite value of {@code metric}. */
    public boolean hasMetric(String metric) {
        return steps.stream().anyMatch(s -> s.has(metric)) || evals.stream().anyMatch(s -> s.has(metric));
    }

    /** Whether the run is a preference (DPO-family) run, i.e. it logs rewards; otherwise SFT. */
    public boolean isPreference() {
        return hasMetric("rewards/accuracies") || hasMetric("rewards/chosen") || hasMetric("rewards/margins");
    }

    /** The last finite value of {@code metric} over the logging steps ({@code eval=false}) or evaluations, or {@code NaN}. */
    public double last(String metric, boolean eval) {
        List<LoggedStep> l = eval ? evals : steps;
        for (int i = l.size() - 1; i >= 0; i--) {
            if (l.get(i).has(metric)) {
                return l.get(i).value(metric);
            }
        }
        return Double.NaN;
    }

    /** The splits in the dump, sorted ({@code eval}, {@code train}). */
    public List<String> splits() {
        TreeSet<String> s = new TreeSet<>();
        pairs.forEach(p -> s.add(p.split()));
        return List.copyOf(s);
    }

    /** The split the histograms show: {@code train} when the dump has it, else {@code eval}, else {@code null}. */
    public String primarySplit() {
        List<String> s = splits();
        return s.contains("train") ? "train" : s.isEmpty() ? null : s.get(0);
    }

    /** The epochs of {@code split} in the dump, ascending. */
    public List<Integer> epochs(String split) {
        TreeSet<Integer> e = new TreeSet<>();
        pairs.stream().filter(p -> p.split().equals(split)).forEach(p -> e.add(p.epoch()));
        return List.copyOf(e);
    }

    /** The dumped pairs of one split and epoch, in file order. */
    public List<PairLogps> pairs(String split, int epoch) {
        return pairs.stream().filter(p -> p.split().equals(split) && p.epoch() == epoch).toList();
    }

    private static void readMetrics(Path file, List<LoggedStep> steps, List<LoggedStep> evals) throws IOException {
        try (JsonlReader in = JsonlReader.open(file)) {
            for (JsonlReader.Line line = in.next(); line != null; line = in.next()) {
                JsonNode o = object(file, line);
                long step = wholeNumber(file, line, o, "step", true);
                double epoch = Double.NaN;
                JsonNode e = o.get("epoch");
                if (e != null && !e.isNull()) {
                    epoch = number(file, line, "epoch", e, true);
                }
                Map<String, Double> train = new TreeMap<>();
                Map<String, Double> eval = new TreeMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    String key = f.getKey();
                    if (key.equals("step") || key.equals("epoch") || f.getValue().isNull()) {
                        continue;
                    }
                    boolean isEval = key.startsWith(EVAL_PREFIX);
                    String name = isEval ? key.substring(EVAL_PREFIX.length()) : key;
                    double v = number(file, line, key, f.getValue(), KNOWN_METRICS.contains(name));
                    if (!Double.isNaN(v) || isNumeric(f.getValue())) {
                        (isEval ? eval : train).put(name, v);
                    }
                }
                // a line without any known metric (e.g. a closing {"train_runtime": …}) is neither a step nor an evaluation
                if (train.keySet().stream().anyMatch(KNOWN_METRICS::contains)) {
                    steps.add(new LoggedStep(step, epoch, line.number(), train));
                }
                if (eval.keySet().stream().anyMatch(KNOWN_METRICS::contains)) {
                    evals.add(new LoggedStep(step, epoch, line.number(), eval));
                }
            }
        }
    }

    private static List<PairLogps> readDump(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": not found (the pair dump written by --dump-pairs)");
        }
        List<PairLogps> pairs = new ArrayList<>();
        try (JsonlReader in = JsonlReader.open(file)) {
            for (JsonlReader.Line line = in.next(); line != null; line = in.next()) {
                JsonNode o = object(file, line);
                long epoch = wholeNumber(file, line, o, "epoch", true);
                String split = text(file, line, o, "split");
                if (!split.equals("train") && !split.equals("eval")) {
                    throw bad(file, line, "split", "must be \"train\" or \"eval\", not \"" + oneLine(split) + "\"");
                }
                String id = text(file, line, o, "id");
                pairs.add(new PairLogps((int) Math.min(epoch, Integer.MAX_VALUE), split, id,
                        logp(file, line, o, "logp_chosen"), logp(file, line, o, "logp_rejected"),
                        logp(file, line, o, "ref_logp_chosen"), logp(file, line, o, "ref_logp_rejected")));
            }
        }
        return pairs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readManifest(Path file) throws IOException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new InputException(file + ": not valid JSON: " + oneLine(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InputException(file + ": not a JSON object");
        }
        return Json.mapper().convertValue(root, LinkedHashMap.class);
    }

    private static JsonNode object(Path file, JsonlReader.Line line) {
        JsonNode o;
        try {
            o = LENIENT.readTree(line.bytes());
        } catch (IOException e) {
            String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw bad(file, line, "", "not valid JSON: " + oneLine(msg));
        }
        if (o == null || !o.isObject()) {
            throw bad(file, line, "", "not a JSON object");
        }
        return o;
    }

    private static boolean isNumeric(JsonNode n) {
        return n.isNumber() || (n.isTextual() && nonFinite(n.asText()) != null);
    }

    /** NaN and the infinities as Jackson (strings) or Python (bare tokens, parsed leniently) write them. */
    private static Double nonFinite(String s) {
        return switch (s) {
            case "NaN", "nan" -> Double.NaN;
            case "Infinity", "+Infinity", "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    /** The value as a double; a non-number is an error when {@code strict}, else {@code NaN}. */
    private static double number(Path file, JsonlReader.Line line, String field, JsonNode v, boolean strict) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        Double nf = v.isTextual() ? nonFinite(v.asText()) : null;
        if (nf != null) {
            return nf;
        }
        if (strict) {
            throw bad(file, line, field, "must be a number, not " + describe(v));
        }
        return Double.NaN;
    }

    private static long wholeNumber(Path file, JsonlReader.Line line, JsonNode o, String field, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw bad(file, line, field, "missing");
            }
            return -1;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() != Math.rint(v.asDouble()) || v.asDouble() < 0) {
            throw bad(file, line, field, "must be a whole number >= 0, not " + describe(v));
        }
        return v.asLong();
    }

    private static String text(Path file, JsonlReader.Line line, JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw bad(file, line, field, "missing");
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isIntegralNumber()) {
            return v.asText();
        }
        throw bad(file, line, field, "must be a string, not " + describe(v));
    }

    private static double logp(Path file, JsonlReader.Line line, JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw bad(file, line, field, "missing");
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw bad(file, line, field, "must be a finite number, not " + describe(v));
        }
        return v.asDouble();
    }

    private static String describe(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    private static InputException bad(Path file, JsonlReader.Line line, String field, String message) {
        return new InputException(new InputProblem(file.toString(), line.number(), line.byteOffset(), field, message, true));
    }
}
