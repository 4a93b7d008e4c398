package org.vapr.analysis.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.vapr.analysis.BiasReport;
import org.vapr.analysis.stats.BiasStatistics;
import org.vapr.analysis.stats.Histogram;
import org.vapr.analysis.stats.LengthDelta;
import org.vapr.analysis.stats.PairMetrics;
import org.vapr.analysis.stats.Summary;
import org.vapr.analysis.stats.TokenLengthDelta;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.io.Json;

/**
 * The JSON form of a report: snake_case keys, shares as fractions 0…1, means rounded to 4 decimals, {@code null}
 * where a mean has no pairs. {@link #compare} keys one such object per label, in the order given.
 */
public final class ReportJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ReportJson() {
    }

    /** One dataset's report. */
    public static ObjectNode of(BiasReport r) {
        ObjectNode o = F.objectNode();
        o.put("file", r.file());
        o.put("format", r.read().format().id());
        o.put("tokenizer", r.tokenizer());
        statistics(o, r.overall(), true);
        o.put("records", r.read().records());
        o.put("problems", r.read().problems());
        ArrayNode ex = o.putArray("problem_examples");
        r.read().firstProblems().forEach(p -> ex.add(p.toLine()));
        o.put("stopped_early", r.read().stoppedEarly());
        ObjectNode skipped = o.putObject("skipped");
        r.read().skipped().forEach(skipped::put);
        ObjectNode cats = o.putObject("categories");
        r.categories().forEach((k, v) -> statistics(cats.putObject(k), v, false));
        return o;
    }

    /** One object per label, in map order. */
    public static ObjectNode compare(Map<String, BiasReport> reports) {
        ObjectNode o = F.objectNode();
        reports.forEach((label, r) -> o.set(label, of(r)));
        return o;
    }

    /** Writes {@code node} to {@code file} atomically, pretty-printed. */
    public static void write(Path file, ObjectNode node) throws IOException {
        String text = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        AtomicFiles.writeString(file, text);
    }

    private static void statistics(ObjectNode o, BiasStatistics s, boolean histograms) {
        o.put("pairs", s.pairs());
        ObjectNode wl = o.putObject("word_levenshtein");
        summary(wl, s.wordLevenshtein());
        wl.put("p90", round(s.wordLevenshtein().p90()));
        wl.put("max", s.wordLevenshtein().max());
        if (histograms) {
            histogram(wl.putArray("histogram"), s.wordLevenshteinHistogram());
        }
        summary(wl.putObject("without_exact_duplicates"), s.wordLevenshteinDistinct());
        TokenLengthDelta t = s.tokenLengthDelta();
        ObjectNode td = o.putObject("token_length_delta");
        delta(td, t.all());
        delta(td.putObject("short"), t.shortResponses());
        delta(td.putObject("long"), t.longResponses());
        td.put("short_below_tokens", TokenLengthDelta.SHORT_LIMIT);
        if (histograms) {
            histogram(td.putArray("histogram"), t.histogram());
        }
        ObjectNode d = o.putObject("duplicates");
        d.put("exact", s.duplicates().exact());
        d.put("near", s.duplicates().near());
        d.put("exact_share", round(s.duplicates().exactShare()));
        d.put("near_share", round(s.duplicates().nearShare()));
        d.put("one_word_apart", s.duplicates().oneWordApart());
        d.put("near_similarity", PairMetrics.NEAR_SIMILARITY);
        ObjectNode len = o.putObject("lengths");
        summary(len.putObject("chosen_tokens"), s.lengths().chosenTokens());
        summary(len.putObject("rejected_tokens"), s.lengths().rejectedTokens());
        len.put("chosen_words_mean", round(s.lengths().chosenWordsMean()));
        len.put("rejected_words_mean", round(s.lengths().rejectedWordsMean()));
    }

    private static void summary(ObjectNode o, Summary s) {
        o.put("mean", round(s.mean()));
        o.put("median", round(s.median()));
    }

    private static void delta(ObjectNode o, LengthDelta d) {
        o.put("pairs", d.pairs());
        o.put("chosen_longer", round(d.chosenLonger()));
        o.put("chosen_shorter", round(d.chosenShorter()));
        o.put("equal", round(d.equal()));
        putNullable(o, "mean_when_longer", d.meanWhenLonger());
        putNullable(o, "mean_when_shorter", d.meanWhenShorter());
        o.put("mean", round(d.mean()));
        o.put("mean_abs", round(d.meanAbs()));
    }

    private static void histogram(ArrayNode a, Histogram h) {
        for (Histogram.Bin b : h.bins()) {
            ObjectNode o = a.addObject();
            o.put("bin", b.label());
            if (b.from() != Integer.MIN_VALUE) {
                o.put("from", b.from());
            }
            if (b.to() != Integer.MAX_VALUE) {
                o.put("to", b.to());
            }
            o.put("count", b.count());
        }
    }

    private static void putNullable(ObjectNode o, String key, Double v) {
        if (v == null) {
            o.putNull(key);
        } else {
            o.put(key, round(v));
        }
    }

    static double round(double v) {
        return Math.round(v * 10_000.0) / 10_000.0;
    }
}
