package org.vapr.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one-screen text table of a {@link ScoreReport}: scores in percent with their 95% intervals, the counts,
 * and the paired differences when there is a comparison. POPE's scores are laid out as a split × metric matrix.
 * Per-category details are listed only when there are at most {@value #MAX_DETAIL_ROWS} of them (all are in the
 * JSON); POPE's comparison lists accuracy, F1 and yes-ratio (precision and recall are in the JSON).
 */
public final class ScoreTable {
    static final int MAX_DETAIL_ROWS = 20;
    private static final List<String> POPE_COMPARED = List.of("accuracy", "f1", "yes_ratio");

    private ScoreTable() {
    }

    /** Renders the table. */
    public static String render(ScoreReport r) {
        StringBuilder b = new StringBuilder();
        b.append(r.benchmark());
        if (r.parser() != null) {
            b.append(" (parser: ").append(r.parser()).append(')');
        }
        b.append(": ").append(r.counts().items()).append(" items");
        if (r.counts().units() != r.counts().items()) {
            b.append(" in ").append(r.counts().units()).append(" groups");
        }
        b.append(", scores in %");
        if (r.bootstrap() != null) {
            b.append(" [95% CI]");
        }
        b.append('\n');
        long details = r.scores().stream().filter(ScoreReport.Row::detail).count();
        boolean showDetails = details <= MAX_DETAIL_ROWS;
        boolean pope = r.benchmark().equals(Benchmark.POPE.id());
        if (pope) {
            popeMatrix(b, r);
        } else {
            List<ScoreReport.Row> rows = r.scores().stream().filter(x -> showDetails || !x.detail()).toList();
            int width = Math.max(12, rows.stream().mapToInt(x -> x.name().length()).max().orElse(0) + 3);
            for (ScoreReport.Row row : rows) {
                String name = (row.name().equals(r.primary()) ? "* " : "  ") + row.name();
                b.append(pad(name, width)).append(String.format(Locale.ROOT, " %7s", pct(row.value())));
                if (r.bootstrap() != null) {
                    b.append("  ").append(ci(row.ciLow(), row.ciHigh()));
                }
                b.append('\n');
            }
            if (!showDetails) {
                b.append("  (").append(details).append(" per-category scores in --json)\n");
            }
        }
        b.append(counts(r.counts()));
        if (r.bootstrap() != null) {
            b.append(String.format(Locale.ROOT, "bootstrap: %d %s resamples, seed %d, percentile%n", r.bootstrap().samples(),
                    r.bootstrap().unit(), r.bootstrap().seed()));
        }
        if (r.comparison() != null) {
            b.append("\npaired comparison, second minus first: ").append(String.join(",", r.comparison().predictions()))
                    .append(" − ").append(String.join(",", r.predictions())).append('\n');
            List<ScoreReport.Difference> rows = r.comparison().differences().stream()
                    .filter(d -> showDetails || !d.detail())
                    .filter(d -> !pope || POPE_COMPARED.contains(d.name().substring(d.name().indexOf('/') + 1)))
                    .toList();
            int width = Math.max(12, rows.stream().mapToInt(x -> x.name().length()).max().orElse(0) + 3);
            b.append(pad("score", width)).append(String.format(Locale.ROOT, " %7s %7s %7s  %-17s %6s%n", "first", "second", "diff", "95% CI", "p"));
            for (ScoreReport.Difference d : rows) {
                b.append(pad("  " + d.name(), width)).append(String.format(Locale.ROOT, " %7s %7s %7s  %-17s %6s%n",
                        pct(d.first()), pct(d.second()), pct(d.difference()), ci(d.ciLow(), d.ciHigh()),
                        d.pValue() == null ? "-" : String.format(Locale.ROOT, "%.3f", d.pValue())));
            }
            b.append("second file: ").append(counts(r.comparison().counts()));
        }
        return b.toString();
    }

    private static void popeMatrix(StringBuilder b, ScoreReport r) {
        Map<String, Map<String, ScoreReport.Row>> bySplit = new LinkedHashMap<>();
        List<String> metrics = new ArrayList<>();
        for (ScoreReport.Row row : r.scores()) {
            int slash = row.name().indexOf('/');
            String split = row.name().substring(0, slash);
            String metric = row.name().substring(slash + 1);
            bySplit.computeIfAbsent(split, k -> new LinkedHashMap<>()).put(metric, row);
            if (!metrics.contains(metric)) {
                metrics.add(metric);
            }
        }
        boolean withCi = r.bootstrap() != null;
        int cell = withCi ? 20 : 9;
        b.append(pad("split", 12));
        for (String m : metrics) {
            b.append(String.format(Locale.ROOT, "  %" + cell + "s", m));
        }
        b.append('\n');
        bySplit.forEach((split, row) -> {
            b.append(pad(split, 12));
            for (String m : metrics) {
                ScoreReport.Row x = row.get(m);
                String v = x == null ? "-" : (x.name().equals(r.primary()) ? "*" : "") + pct(x.value()).strip()
                        + (withCi ? " " + ci(x.ciLow(), x.ciHigh()) : "");
                b.append(String.format(Locale.ROOT, "  %" + cell + "s", v));
            }
            b.append('\n');
        });
    }

    private static String counts(ScoreReport.Counts c) {
        StringBuilder b = new StringBuilder();
        b.append("missing predictions: ").append(c.missingPredictions()).append(" (scored wrong)")
                .append(", unparsable: ").append(c.unparsable())
                .append(", unknown question ids: ").append(c.unknownQuestionIds())
                .append(", duplicate predictions: ").append(c.duplicatePredictions());
        if (c.skipped() > 0) {
            b.append(", skipped: ").append(c.skipped()).append(" ").append(c.skippedReason());
        }
        return b.append('\n').toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    private static String ci(Double low, Double high) {
        if (low == null || high == null) {
            return "[-]";
        }
        return String.format(Locale.ROOT, "[%.1f, %.1f]", 100 * low, 100 * high);
    }

    private static String pct(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%7.2f", 100 * v);
    }
}
