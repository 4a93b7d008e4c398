package org.vapr.cli;

import static org.vapr.analysis.report.HtmlReport.esc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vapr.analysis.report.Charts;
import org.vapr.analysis.training.TrainingReport;
import org.vapr.eval.ScalingCurves;

/**
 * The page {@code vapr eval scaling} writes: one self-contained HTML file (no scripts; inline SVG) with the scaling
 * plot (a line per series, bootstrap intervals as error bars, reference models as dashed levels with bands) and every
 * plotted number in a table, with the file it came from.
 */
final class ScalingPage {
    private ScalingPage() {
    }

    static String render(ScalingCurves curves, String title, boolean logX) {
        String unit = curves.scale().equals("fraction") ? "%" : "points";
        String heading = title != null ? title : curves.benchmark() + " " + curves.score() + " vs training-set size";
        List<Charts.IntervalSeries> series = new ArrayList<>();
        for (int i = 0; i < curves.curves().size(); i++) {
            ScalingCurves.Curve c = curves.curves().get(i);
            int n = c.points().size();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            for (int j = 0; j < n; j++) {
                ScalingCurves.Point p = c.points().get(j);
                x[j] = p.size();
                y[j] = curves.shown(p.value());
                lo[j] = p.ciLow() == null ? Double.NaN : curves.shown(p.ciLow());
                hi[j] = p.ciHigh() == null ? Double.NaN : curves.shown(p.ciHigh());
            }
            series.add(new Charts.IntervalSeries(c.name(), x, y, lo, hi, i));
        }
        List<Charts.Level> levels = new ArrayList<>();
        for (int i = 0; i < curves.references().size(); i++) {
            ScalingCurves.Reference r = curves.references().get(i);
            levels.add(new Charts.Level(r.name(), curves.shown(r.value()),
                    r.ciLow() == null ? Double.NaN : curves.shown(r.ciLow()),
                    r.ciHigh() == null ? Double.NaN : curves.shown(r.ciHigh()), curves.curves().size() + i));
        }
        String svg = Charts.intervalLines("scaling", heading, "training-set size" + (logX ? " (log scale)" : ""),
                curves.score() + " (" + unit + ")", series, levels, logX, null);
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>").append(esc(heading)).append("</title>\n<style>\n").append(TrainingReport.css())
                .append("\n</style>\n</head>\n<body>\n<main>\n<h1>").append(esc(heading)).append("</h1>\n")
                .append("<p class=\"meta\">benchmark <code>").append(esc(curves.benchmark())).append("</code>, score <code>")
                .append(esc(curves.score())).append("</code>");
        if (curves.parser() != null) {
            b.append(", parser <code>").append(esc(curves.parser())).append("</code>");
        }
        if (curves.judgeModel() != null) {
            b.append(", judged by <code>").append(esc(curves.judgeModel())).append("</code>");
        }
        b.append("; error bars and bands are the files' bootstrap 95% intervals. Every number is also in "
                + "<code>scaling.json</code>.</p>\n<figure>\n").append(svg).append("\n</figure>\n")
                .append("<table class=\"numbers\">\n<thead><tr><th>series</th><th>size</th><th>")
                .append(esc(curves.score())).append(" (").append(unit).append(")</th><th>95% CI</th><th>scores file</th></tr></thead>\n<tbody>\n");
        for (ScalingCurves.Curve c : curves.curves()) {
            for (ScalingCurves.Point p : c.points()) {
                row(b, c.name(), String.format(Locale.ROOT, "%,d", p.size()), curves, p.value(), p.ciLow(), p.ciHigh(), p.source());
            }
        }
        for (ScalingCurves.Reference r : curves.references()) {
            row(b, r.name(), "reference", curves, r.value(), r.ciLow(), r.ciHigh(), r.source());
        }
        b.append("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String name, String size, ScalingCurves curves, double value, Double low,
                            Double high, String source) {
        String ci = low == null || high == null ? "-"
                : String.format(Locale.ROOT, "[%.1f, %.1f]", curves.shown(low), curves.shown(high));
        b.append("<tr><th scope=\"row\">").append(esc(name)).append("</th><td>").append(esc(size)).append("</td><td>")
                .append(String.format(Locale.ROOT, "%.1f", curves.shown(value))).append("</td><td>").append(ci)
                .append("</td><td><code>").append(esc(source)).append("</code></td></tr>\n");
    }
}
