package org.vapr.analysis.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.vapr.analysis.BiasReport;
import org.vapr.analysis.stats.BiasStatistics;
import org.vapr.analysis.stats.Histogram;
import org.vapr.analysis.stats.LengthDelta;
import org.vapr.analysis.stats.TokenLengthDelta;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.io.Digests;
import org.vapr.core.manifest.RunManifest;

/**
 * The {@code --report FILE.html} page: one self-contained HTML file (no script, no external resource; a
 * Content-Security-Policy forbids both) with inline SVG charts ({@link Charts}) and, for every number in a chart, the
 * same number in an HTML table. One dataset for {@code analyze}; several side by side for {@code compare}, one colour
 * per dataset and the same bins. The bytes depend only on the reports, the input files and the vapr version.
 */
public final class HtmlReport {
    /** The charts on a page: Levenshtein, token delta, longer/shorter; plus two when any dataset has categories. */
    static final int CHARTS_WITHOUT_CATEGORIES = 3;
    static final int CHARTS_WITH_CATEGORIES = 5;

    private HtmlReport() {
    }

    /**
     * An input file as the page names it.
     *
     * @param file   the path as given
     * @param bytes  its size
     * @param sha256 its SHA-256, lowercase hex
     */
    record Input(String file, long bytes, String sha256) {
        static Input of(String file) throws IOException {
            Path p = Path.of(file);
            return new Input(file, Files.size(p), Digests.sha256(p));
        }
    }

    /** Renders the page for {@code reports} (label → report, in column order) and writes it atomically. */
    public static void write(Path target, Map<String, BiasReport> reports) throws IOException {
        Map<String, Input> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, BiasReport> e : reports.entrySet()) {
            inputs.put(e.getKey(), Input.of(e.getValue().file()));
        }
        AtomicFiles.writeString(target, render(reports, inputs, RunManifest.toolVersion()));
    }

    /** The page, given each label's input file description and the vapr version. */
    static String render(Map<String, BiasReport> reports, Map<String, Input> inputs, String version) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("no reports");
        }
        List<String> labels = new ArrayList<>(reports.keySet());
        List<BiasReport> rs = new ArrayList<>(reports.values());
        String title = labels.size() == 1 ? "Bias report: " + labels.get(0) : "Bias comparison: " + String.join(" vs ", labels);
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"vapr ").append(esc(version)).append("\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        b.append("<h1>").append(esc(title)).append("</h1>\n");
        b.append("<p class=\"lead\">Style and length biases between chosen and rejected answers (VaPR paper §3.4, §6.4): ")
                .append("when rejected answers differ in wording or length, DPO can learn the style instead of the content. ")
                .append("Token counts use <code>").append(esc(rs.get(0).tokenizer())).append("</code>; every number in a chart is ")
                .append("also in the table below it.</p>\n");

        // inputs
        b.append("<h2 id=\"inputs\">Inputs</h2>\n<table class=\"inputs\">\n<thead><tr><th>dataset</th><th>file</th><th>format</th>")
                .append("<th>records</th><th>pairs</th><th>bad records</th><th>bytes</th><th>SHA-256</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < labels.size(); i++) {
            BiasReport r = rs.get(i);
            Input in = inputs.get(labels.get(i));
            b.append("<tr><td>").append(swatch(i)).append(esc(labels.get(i))).append("</td><td class=\"file\">").append(esc(r.file()))
                    .append("</td><td>").append(esc(r.read().format().id())).append("</td>")
                    .append(num(r.read().records())).append(num(r.overall().pairs())).append(num(r.read().problems()))
                    .append(in == null ? "<td>-</td><td>-</td>" : num(in.bytes()) + "<td class=\"hash\">" + esc(in.sha256()) + "</td>")
                    .append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n");
        b.append("<p class=\"meta\">tokenizer <code>").append(esc(rs.get(0).tokenizer())).append("</code> · vapr ")
                .append(esc(version)).append(" · short/long split at ").append(TokenLengthDelta.SHORT_LIMIT)
                .append(" tokens of the chosen answer</p>\n");

        keyNumbers(b, labels, rs);
        lengthBalance(b, labels, rs);
        histogramSection(b, "levenshtein", "Word-level Levenshtein distance",
                "Edit distance in whole words between chosen and rejected (punctuation split off). A hard negative is a few words apart.",
                "distance (words)", labels, rs, r -> r.overall().wordLevenshteinHistogram());
        histogramSection(b, "token-delta", "Token-length delta",
                "tokens(chosen) − tokens(rejected): positive when the chosen answer is longer. A dataset without a length bias is centred on 0.",
                "delta (tokens)", labels, rs, r -> r.overall().tokenLengthDelta().histogram());
        categories(b, labels, rs);
        b.append("<footer>Generated by vapr ").append(esc(version))
                .append(". Definitions: word Levenshtein over word tokens; token gap = mean |delta|; near duplicate = normalized word ")
                .append("similarity ≥ 0.95.</footer>\n</main>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void keyNumbers(StringBuilder b, List<String> labels, List<BiasReport> rs) {
        b.append("<h2 id=\"key-numbers\">Key numbers</h2>\n<table class=\"numbers\">\n");
        header(b, "statistic", labels);
        b.append("<tbody>\n");
        row(b, "pairs", rs, r -> count(r.overall().pairs()));
        row(b, "word Levenshtein mean", rs, r -> f(r.overall().wordLevenshtein().mean()));
        row(b, "word Levenshtein median", rs, r -> f(r.overall().wordLevenshtein().median()));
        row(b, "word Levenshtein p90", rs, r -> f(r.overall().wordLevenshtein().p90()));
        row(b, "word Levenshtein max", rs, r -> count(r.overall().wordLevenshtein().max()));
        row(b, "word Levenshtein mean, exact duplicates left out", rs, r -> f(r.overall().wordLevenshteinDistinct().mean()));
        row(b, "token gap (mean |delta|)", rs, r -> f(r.overall().tokenLengthDelta().all().meanAbs()));
        row(b, "mean delta (signed)", rs, r -> f(r.overall().tokenLengthDelta().all().mean()));
        row(b, "exact duplicates", rs, r -> count(r.overall().duplicates().exact()) + " (" + pct(r.overall().duplicates().exactShare()) + ")");
        row(b, "near duplicates", rs, r -> count(r.overall().duplicates().near()) + " (" + pct(r.overall().duplicates().nearShare()) + ")");
        row(b, "one word apart", rs, r -> count(r.overall().duplicates().oneWordApart()));
        row(b, "chosen tokens mean / median", rs, r -> f(r.overall().lengths().chosenTokens().mean()) + " / "
                + f(r.overall().lengths().chosenTokens().median()));
        row(b, "rejected tokens mean / median", rs, r -> f(r.overall().lengths().rejectedTokens().mean()) + " / "
                + f(r.overall().lengths().rejectedTokens().median()));
        row(b, "chosen / rejected words mean", rs, r -> f(r.overall().lengths().chosenWordsMean()) + " / "
                + f(r.overall().lengths().rejectedWordsMean()));
        b.append("</tbody>\n</table>\n");
    }

    private static final String[] SPLITS = {"all", "short (<" + TokenLengthDelta.SHORT_LIMIT + ")", "long (≥" + TokenLengthDelta.SHORT_LIMIT + ")"};

    private static LengthDelta split(BiasReport r, int i) {
        TokenLengthDelta t = r.overall().tokenLengthDelta();
        return switch (i) {
            case 0 -> t.all();
            case 1 -> t.shortResponses();
            default -> t.longResponses();
        };
    }

    /** The paper's table: per dataset, chosen longer (share, mean delta), chosen shorter (share, mean delta), equal. */
    private static void lengthBalance(StringBuilder b, List<String> labels, List<BiasReport> rs) {
        b.append("<h2 id=\"longer-shorter\">Chosen longer or shorter than rejected</h2>\n")
                .append("<p>Share of pairs whose chosen answer has more (longer) or fewer (shorter) tokens than the rejected one, ")
                .append("and the mean size of that gap in tokens, over all pairs and split by the chosen answer's length.</p>\n");
        List<String> columns = new ArrayList<>();
        String[] kinds = {"longer", "shorter", "equal"};
        for (String s : SPLITS) {
            for (String k : kinds) {
                columns.add(s + ": " + k);
            }
        }
        double[][] v = new double[rs.size()][columns.size()];
        for (int d = 0; d < rs.size(); d++) {
            for (int s = 0; s < SPLITS.length; s++) {
                LengthDelta x = split(rs.get(d), s);
                boolean none = x.pairs() == 0;
                v[d][s * 3] = none ? Double.NaN : 100 * x.chosenLonger();
                v[d][s * 3 + 1] = none ? Double.NaN : 100 * x.chosenShorter();
                v[d][s * 3 + 2] = none ? Double.NaN : 100 * x.equal();
            }
        }
        figure(b, Charts.groupedBars("chart-longer-shorter", "Chosen longer / shorter / equal", "", "% of pairs", labels, columns, v));
        b.append("<div class=\"wide\"><table class=\"paper\">\n<thead>\n<tr><th rowspan=\"3\">dataset</th>");
        for (String s : SPLITS) {
            b.append("<th colspan=\"6\" class=\"group\">").append(esc(s)).append("</th>");
        }
        b.append("</tr>\n<tr>");
        for (int s = 0; s < SPLITS.length; s++) {
            b.append("<th>pairs</th><th colspan=\"2\">chosen longer</th><th colspan=\"2\">chosen shorter</th><th>equal</th>");
        }
        b.append("</tr>\n<tr>");
        for (int s = 0; s < SPLITS.length; s++) {
            b.append("<th></th><th>%</th><th>mean Δ</th><th>%</th><th>mean Δ</th><th>%</th>");
        }
        b.append("</tr>\n</thead>\n<tbody>\n");
        for (int d = 0; d < rs.size(); d++) {
            b.append("<tr><th scope=\"row\">").append(swatch(d)).append(esc(labels.get(d))).append("</th>");
            for (int s = 0; s < SPLITS.length; s++) {
                LengthDelta x = split(rs.get(d), s);
                if (x.pairs() == 0) {
                    b.append(num(0)).append("<td>-</td><td>-</td><td>-</td><td>-</td><td>-</td>");
                } else {
                    b.append(num(x.pairs())).append(td(pct(x.chosenLonger()))).append(td(f(x.meanWhenLonger())))
                            .append(td(pct(x.chosenShorter()))).append(td(f(x.meanWhenShorter()))).append(td(pct(x.equal())));
                }
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table></div>\n");
    }

    private static void histogramSection(StringBuilder b, String id, String title, String text, String axis,
                                         List<String> labels, List<BiasReport> rs, Function<BiasReport, Histogram> h) {
        b.append("<h2 id=\"").append(id).append("\">").append(esc(title)).append("</h2>\n<p>").append(esc(text))
                .append(" Bars are shares of each dataset's pairs, over the same fixed bins.</p>\n");
        List<Histogram.Bin> bins = h.apply(rs.get(0)).bins();
        List<String> columns = bins.stream().map(Histogram.Bin::label).toList();
        double[][] v = new double[rs.size()][columns.size()];
        for (int d = 0; d < rs.size(); d++) {
            long n = rs.get(d).overall().pairs();
            List<Histogram.Bin> own = h.apply(rs.get(d)).bins();
            for (int c = 0; c < columns.size(); c++) {
                v[d][c] = n == 0 ? 0 : 100.0 * own.get(c).count() / n;
            }
        }
        figure(b, Charts.groupedBars("chart-" + id, title, axis, "% of pairs", labels, columns, v));
        b.append("<table class=\"numbers\">\n");
        header(b, "bin", labels);
        b.append("<tbody>\n");
        for (int c = 0; c < columns.size(); c++) {
            int col = c;
            b.append("<tr><th scope=\"row\">").append(esc(columns.get(c))).append("</th>");
            for (int d = 0; d < rs.size(); d++) {
                long count = h.apply(rs.get(d)).bins().get(col).count();
                b.append(td(count(count) + " (" + String.format(Locale.ROOT, "%.1f%%", v[d][col]) + ")"));
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    private static void categories(StringBuilder b, List<String> labels, List<BiasReport> rs) {
        TreeSet<String> all = new TreeSet<>();
        rs.forEach(r -> all.addAll(r.categories().keySet()));
        if (all.isEmpty()) {
            return;
        }
        List<String> cats = new ArrayList<>(all);
        b.append("<h2 id=\"categories\">Per category</h2>\n<p>Mean word-level Levenshtein distance and token gap ")
                .append("(mean |tokens(chosen) − tokens(rejected)|) of each category; a missing bar means the dataset has no pair in it.</p>\n");
        figure(b, Charts.groupedBars("chart-category-levenshtein", "Mean word Levenshtein per category", "category",
                "words", labels, cats, perCategory(rs, cats, s -> s.wordLevenshtein().mean())));
        figure(b, Charts.groupedBars("chart-category-token-gap", "Token gap per category", "category",
                "tokens", labels, cats, perCategory(rs, cats, s -> s.tokenLengthDelta().all().meanAbs())));
        b.append("<table class=\"numbers\">\n<thead><tr><th rowspan=\"2\">category</th>");
        for (int d = 0; d < labels.size(); d++) {
            b.append("<th colspan=\"3\" class=\"group\">").append(swatch(d)).append(esc(labels.get(d))).append("</th>");
        }
        b.append("</tr>\n<tr>");
        for (int d = 0; d < labels.size(); d++) {
            b.append("<th>pairs</th><th>Levenshtein mean</th><th>token gap</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (String c : cats) {
            b.append("<tr><th scope=\"row\">").append(esc(c)).append("</th>");
            for (BiasReport r : rs) {
                BiasStatistics s = r.categories().get(c);
                if (s == null) {
                    b.append("<td>-</td><td>-</td><td>-</td>");
                } else {
                    b.append(num(s.pairs())).append(td(f(s.wordLevenshtein().mean()))).append(td(f(s.tokenLengthDelta().all().meanAbs())));
                }
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    private static double[][] perCategory(List<BiasReport> rs, List<String> cats, ToDoubleFunction<BiasStatistics> stat) {
        double[][] v = new double[rs.size()][cats.size()];
        for (int d = 0; d < rs.size(); d++) {
            for (int c = 0; c < cats.size(); c++) {
                BiasStatistics s = rs.get(d).categories().get(cats.get(c));
                v[d][c] = s == null ? Double.NaN : stat.applyAsDouble(s);
            }
        }
        return v;
    }

    private static void figure(StringBuilder b, String svg) {
        b.append("<figure class=\"chart\">\n").append(svg).append("\n</figure>\n");
    }

    private static void header(StringBuilder b, String first, List<String> labels) {
        b.append("<thead><tr><th>").append(esc(first)).append("</th>");
        for (int i = 0; i < labels.size(); i++) {
            b.append("<th>").append(swatch(i)).append(esc(labels.get(i))).append("</th>");
        }
        b.append("</tr></thead>\n");
    }

    private static void row(StringBuilder b, String name, List<BiasReport> rs, Function<BiasReport, String> cell) {
        b.append("<tr><th scope=\"row\">").append(esc(name)).append("</th>");
        rs.forEach(r -> b.append(td(cell.apply(r))));
        b.append("</tr>\n");
    }

    private static String swatch(int i) {
        return "<span class=\"swatch\" style=\"background:" + Charts.cssColour(i) + "\"></span>";
    }

    private static String td(String text) {
        return "<td>" + esc(text) + "</td>";
    }

    private static String num(long v) {
        return td(count(v));
    }

    private static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String f(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** Escapes text for HTML element content and double- or single-quoted attribute values. */
    public static String esc(String s) {
        StringBuilder o = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> o.append("&amp;");
                case '<' -> o.append("&lt;");
                case '>' -> o.append("&gt;");
                case '"' -> o.append("&quot;");
                case '\'' -> o.append("&#39;");
                default -> o.append(c);
            }
        }
        return o.toString();
    }

    private static final String CSS = """
            body { margin: 0; background: #fafafa; color: #1a1a1a; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
            main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
            h1 { font-size: 26px; margin: 0 0 8px; }
            h2 { font-size: 20px; margin: 36px 0 8px; padding-top: 8px; border-top: 1px solid #e4e4e4; }
            p.lead { color: #333; } p.meta { color: #555; font-size: 13px; }
            code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
            table { border-collapse: collapse; margin: 12px 0 20px; font-size: 13px; font-variant-numeric: tabular-nums; }
            th, td { border: 1px solid #ddd; padding: 4px 8px; }
            td { text-align: right; } th { background: #f3f3f3; text-align: left; font-weight: 600; }
            th.group { text-align: center; }
            div.wide { overflow-x: auto; }
            table.paper { font-size: 12px; } table.paper th, table.paper td { padding: 3px 5px; } table.paper td { white-space: nowrap; }
            table.paper th { text-align: center; } table.paper tbody th { text-align: left; white-space: normal; }
            td.file, td.hash { text-align: left; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; word-break: break-all; }
            td.hash { max-width: 260px; }
            .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 2px; vertical-align: baseline; }
            figure.chart { margin: 12px 0 4px; }
            figure.chart svg { display: block; max-width: 100%; height: auto; }
            footer { margin-top: 40px; color: #666; font-size: 12px; }
            """;
}
