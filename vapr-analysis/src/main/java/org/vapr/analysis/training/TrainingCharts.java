package org.vapr.analysis.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vapr.analysis.report.Charts;
import org.vapr.analysis.report.Charts.XySeries;

/**
 * The training report's charts, each an {@code <svg>} element (JFreeChart through {@link Charts}) that any HTML page
 * can embed: curves of a metric over steps (training line, evaluation points), the same curve overlaid for several
 * runs, and histograms of the dump's gaps Δref, Δθ and Δθ − Δref. The {@code id} of each chart must be unique within
 * its page; it prefixes the SVG's internal ids, and the bytes depend only on the inputs. Run {@code i} of a list is
 * drawn in palette colour {@code i} ({@link Charts#colour}).
 */
public final class TrainingCharts {
    /** Palette index of evaluation points on a single run's chart (black), so they stand out from the line. */
    static final int EVAL_COLOUR = 7;
    /** The metrics the report draws per run, in page order, when the run logs them. */
    public static final List<String> CURVES = List.of("loss", "rewards/chosen", "rewards/rejected", "rewards/accuracies",
            "rewards/margins", "learning_rate", "grad_norm");

    private TrainingCharts() {
    }

    /** The chart title of {@code metric}. */
    public static String title(String metric) {
        return switch (metric) {
            case "loss" -> "Loss";
            case "rewards/chosen" -> "Reward of chosen (rewards/chosen = β·ρ_c)";
            case "rewards/rejected" -> "Reward of rejected (rewards/rejected = β·ρ_r)";
            case "rewards/accuracies" -> "Reward accuracy (rewards/accuracies)";
            case "rewards/margins" -> "Reward margin (rewards/margins)";
            case "learning_rate" -> "Learning rate";
            case "grad_norm" -> "Gradient norm";
            default -> metric;
        };
    }

    private static double[] yRange(String metric) {
        return metric.equals("rewards/accuracies") ? new double[] {0, 1.02} : null;
    }

    /**
     * {@code metric} of one run over steps: a line through the logging steps in the run's colour and black points at
     * the evaluations; empty when the run logs no finite value of it.
     *
     * @param colour the run's palette index
     */
    public static Optional<String> metric(String id, TrainingRun run, String metric, int colour) {
        if (!run.hasMetric(metric)) {
            return Optional.empty();
        }
        List<XySeries> series = new ArrayList<>();
        if (run.steps().stream().anyMatch(s -> s.has(metric))) {
            series.add(curve(run.label() + " train", run.steps(), metric, colour, true));
        }
        if (run.evals().stream().anyMatch(s -> s.has(metric))) {
            series.add(curve(run.label() + " eval", run.evals(), metric, EVAL_COLOUR, false));
        }
        return Optional.of(Charts.lines(id, title(metric), "step", metric, series, true, yRange(metric)));
    }

    /** {@link #metric(String, TrainingRun, String, int)} in colour 0. */
    public static Optional<String> metric(String id, TrainingRun run, String metric) {
        return metric(id, run, metric, 0);
    }

    /**
     * The series of an overlay of {@code metric}: one training line per run, in the run's colour and order (a run
     * without the metric keeps its colour and legend entry with no line), then, when {@code withEval}, the evaluation
     * points of the runs that have them.
     */
    static List<XySeries> overlaySeries(List<TrainingRun> runs, String metric, boolean withEval) {
        List<XySeries> series = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            series.add(curve(runs.get(i).label(), runs.get(i).steps(), metric, i, true));
        }
        if (withEval) {
            for (int i = 0; i < runs.size(); i++) {
                TrainingRun r = runs.get(i);
                if (r.evals().stream().anyMatch(s -> s.has(metric))) {
                    series.add(curve(r.label() + " eval", r.evals(), metric, i, false));
                }
            }
        }
        return series;
    }

    /** {@code metric} of several runs overlaid over steps (see {@link #overlaySeries}). */
    public static String metricOverlay(String id, List<TrainingRun> runs, String metric, boolean withEval) {
        return Charts.lines(id, title(metric) + " by run", "step", metric, overlaySeries(runs, metric, withEval), true, yRange(metric));
    }

    /**
     * The training reward-accuracy curves of several runs overlaid, one line per run: the paper's §6.4 picture, where
     * POVID-style data saturates near 1 early and VaPR rises smoothly.
     */
    public static String rewardAccuracyOverlay(String id, List<TrainingRun> runs) {
        return metricOverlay(id, runs, "rewards/accuracies", false);
    }

    /**
     * A histogram of one gap of one run's dumped pairs (its {@linkplain TrainingRun#primarySplit() primary split}): the
     * first and the last dumped epoch overlaid (one series when there is one epoch), as % of the pairs; empty without
     * a dump.
     */
    public static Optional<String> deltaHistogram(String id, TrainingRun run, PairDelta delta) {
        String split = run.primarySplit();
        if (split == null) {
            return Optional.empty();
        }
        List<Integer> epochs = run.epochs(split);
        List<Integer> shown = epochs.size() == 1 ? epochs : List.of(epochs.get(0), epochs.get(epochs.size() - 1));
        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (int e : shown) {
            names.add(run.label() + " epoch " + e);
            values.add(run.pairs(split, e).stream().mapToDouble(delta::of).toArray());
        }
        return Optional.of(histogram(id, delta.symbol() + " of " + split + " pairs, first vs last epoch", delta, names, values));
    }

    /**
     * One gap overlaid for several runs, each run's primary split at its last dumped epoch, as % of that run's pairs
     * over shared bins; a run without a dump keeps its colour and legend entry with no bars. Empty when no run has a
     * dump. For {@link PairDelta#REF} this is the §6.4 comparison: POVID-style data far from 0, SIMA-style data at 0.
     */
    public static Optional<String> deltaOverlay(String id, List<TrainingRun> runs, PairDelta delta) {
        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        boolean any = false;
        for (TrainingRun r : runs) {
            names.add(r.label());
            String split = r.primarySplit();
            if (split == null) {
                values.add(null);
            } else {
                List<Integer> epochs = r.epochs(split);
                values.add(r.pairs(split, epochs.get(epochs.size() - 1)).stream().mapToDouble(delta::of).toArray());
                any = true;
            }
        }
        if (!any) {
            return Optional.empty();
        }
        return Optional.of(histogram(id, delta.symbol() + " by run (last epoch)", delta, names, values));
    }

    /** {@link #deltaOverlay} of Δref. */
    public static Optional<String> deltaRefOverlay(String id, List<TrainingRun> runs) {
        return deltaOverlay(id, runs, PairDelta.REF);
    }

    /** Grouped bars over shared bins; a {@code null} entry of {@code values} is a series without bars. */
    private static String histogram(String id, String title, PairDelta delta, List<String> names, List<double[]> values) {
        HistogramBins bins = HistogramBins.covering(values.stream().filter(v -> v != null).toList());
        double[][] shares = new double[values.size()][];
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                shares[i] = new double[bins.size()];
                java.util.Arrays.fill(shares[i], Double.NaN);
            } else {
                shares[i] = bins.percentages(values.get(i));
            }
        }
        return Charts.groupedBars(id, title, delta.symbol() + " (nats; lower bin edge)", "% of pairs", names, bins.labels(), shares);
    }

    private static XySeries curve(String name, List<LoggedStep> steps, String metric, int colour, boolean line) {
        List<LoggedStep> with = steps.stream().filter(s -> s.has(metric)).toList();
        double[] x = new double[with.size()];
        double[] y = new double[with.size()];
        for (int i = 0; i < with.size(); i++) {
            x[i] = with.get(i).step();
            y[i] = with.get(i).value(metric);
        }
        return new XySeries(name, x, y, colour, line);
    }
}
