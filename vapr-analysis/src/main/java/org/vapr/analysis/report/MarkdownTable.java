package org.vapr.analysis.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.vapr.analysis.BiasReport;
import org.vapr.analysis.stats.BiasStatistics;
import org.vapr.analysis.stats.LengthDelta;

/**
 * The compact Markdown summary printed on stdout: one row per statistic, one column per dataset; then, when any
 * dataset has categories, one row per category with its mean Levenshtein and token gap.
 */
public final class MarkdownTable {
    private MarkdownTable() {
    }

    /** The table for the given labelled reports (one label for {@code analyze}). */
    public static String render(Map<String, BiasReport> reports) {
        List<String> labels = new ArrayList<>(reports.keySet());
        List<BiasReport> rs = new ArrayList<>(reports.values());
        StringBuilder b = new StringBuilder();
        header(b, "statistic", labels);
        row(b, "format", rs, r -> r.read().format().id());
        row(b, "pairs", rs, r -> String.valueOf(r.overall().pairs()));
        row(b, "bad records", rs, r -> String.valueOf(r.read().problems()));
        row(b, "word Levenshtein mean / median / p90", rs, r -> f(r.overall().wordLevenshtein().mean()) + " / "
                + f(r.overall().wordLevenshtein().median()) + " / " + f(r.overall().wordLevenshtein().p90()));
        row(b, "word Levenshtein mean, exact duplicates left out", rs, r -> f(r.overall().wordLevenshteinDistinct().mean()));
        row(b, "token gap mean abs (" + rs.get(0).tokenizer() + ")", rs, r -> f(r.overall().tokenLengthDelta().all().meanAbs()));
        deltaRows(b, "all", rs, r -> r.overall().tokenLengthDelta().all());
        deltaRows(b, "short (<100)", rs, r -> r.overall().tokenLengthDelta().shortResponses());
        deltaRows(b, "long (>=100)", rs, r -> r.overall().tokenLengthDelta().longResponses());
        row(b, "exact / near duplicates", rs, r -> r.overall().duplicates().exact() + " (" + pct(r.overall().duplicates().exactShare())
                + ") / " + r.overall().duplicates().near() + " (" + pct(r.overall().duplicates().nearShare()) + ")");
        row(b, "chosen tokens mean / median", rs, r -> f(r.overall().lengths().chosenTokens().mean()) + " / "
                + f(r.overall().lengths().chosenTokens().median()));
        row(b, "rejected tokens mean / median", rs, r -> f(r.overall().lengths().rejectedTokens().mean()) + " / "
                + f(r.overall().lengths().rejectedTokens().median()));
        TreeSet<String> categories = new TreeSet<>();
        rs.forEach(r -> categories.addAll(r.categories().keySet()));
        if (!categories.isEmpty()) {
            b.append('\n');
            header(b, "category: pairs, Levenshtein mean, token gap", labels);
            for (String c : categories) {
                row(b, c, rs, r -> {
                    BiasStatistics s = r.categories().get(c);
                    return s == null ? "-" : s.pairs() + ", " + f(s.wordLevenshtein().mean()) + ", "
                            + f(s.tokenLengthDelta().all().meanAbs());
                });
            }
        }
        return b.toString();
    }

    private static void deltaRows(StringBuilder b, String name, List<BiasReport> rs, Function<BiasReport, LengthDelta> d) {
        row(b, name + ": chosen longer / shorter / equal", rs, r -> {
            LengthDelta x = d.apply(r);
            return x.pairs() == 0 ? "-" : pct(x.chosenLonger()) + " / " + pct(x.chosenShorter()) + " / " + pct(x.equal());
        });
        row(b, name + ": mean delta when longer / shorter", rs, r -> {
            LengthDelta x = d.apply(r);
            return x.pairs() == 0 ? "-" : f(x.meanWhenLonger()) + " / " + f(x.meanWhenShorter());
        });
    }

    private static void header(StringBuilder b, String first, List<String> labels) {
        b.append("| ").append(first);
        labels.forEach(l -> b.append(" | ").append(l.replace("|", "\\|")));
        b.append(" |\n|---");
        labels.forEach(l -> b.append("|---:"));
        b.append("|\n");
    }

    private static void row(StringBuilder b, String name, List<BiasReport> rs, Function<BiasReport, String> cell) {
        b.append("| ").append(name);
        rs.forEach(r -> b.append(" | ").append(cell.apply(r)));
        b.append(" |\n");
    }

    private static String f(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
