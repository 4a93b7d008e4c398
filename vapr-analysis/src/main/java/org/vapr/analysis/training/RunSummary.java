package org.vapr.analysis.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The key figures of one training run, as the JSON summary and the report's tables give them.
 *
 * @param label                    the run's label
 * @param kind                     {@code dpo} when the run logs rewards, else {@code sft}
 * @param loggedSteps              logging lines in {@code metrics.jsonl}
 * @param evaluations              evaluation lines
 * @param lastStep                 the last logged step (training or evaluation), or {@code null} without any
 * @param lastEpoch                the epoch of the last line that has one, or {@code null}
 * @param finalTrain               metric → its last finite value over the logging steps (known metrics only)
 * @param finalEval                metric → its last finite value over the evaluations (without the {@code eval_} prefix)
 * @param accuracySaturationStep   the first logging step whose {@code rewards/accuracies} ≥ {@link #SATURATION}, or
 *                                 {@code null} (absent from the JSON) when it never gets there; early saturation hints at
 *                                 reward hacking (§6.4)
 * @param pairs                    the dump's gaps per split and epoch (split, then epoch ascending); empty without a dump
 */
public record RunSummary(String label, String kind, long loggedSteps, long evaluations, Long lastStep, Double lastEpoch,
                         Map<String, Double> finalTrain, Map<String, Double> finalEval, Long accuracySaturationStep,
                         List<DeltaSummary> pairs) {
    /** Reward accuracy from which training counts as saturated. */
    public static final double SATURATION = 0.95;

    public RunSummary {
        finalTrain = java.util.Collections.unmodifiableMap(new TreeMap<>(finalTrain));
        finalEval = java.util.Collections.unmodifiableMap(new TreeMap<>(finalEval));
        pairs = List.copyOf(pairs);
    }

    /** The summary of {@code run}. */
    public static RunSummary of(TrainingRun run) {
        Map<String, Double> train = new TreeMap<>();
        Map<String, Double> eval = new TreeMap<>();
        for (String m : TrainingRun.KNOWN_METRICS) {
            double t = run.last(m, false);
            if (Double.isFinite(t)) {
                train.put(m, t);
            }
            double e = run.last(m, true);
            if (Double.isFinite(e)) {
                eval.put(m, e);
            }
        }
        Long lastStep = null;
        Double lastEpoch = null;
        List<LoggedStep> all = new ArrayList<>(run.steps());
        all.addAll(run.evals());
        for (LoggedStep s : all) {
            lastStep = lastStep == null ? s.step() : Math.max(lastStep, s.step());
        }
        // the epoch of the last line in the file that has one
        long lastLine = -1;
        for (LoggedStep s : all) {
            if (!Double.isNaN(s.epoch()) && s.line() > lastLine) {
                lastLine = s.line();
                lastEpoch = s.epoch();
            }
        }
        Long saturation = run.steps().stream().filter(s -> s.has("rewards/accuracies") && s.value("rewards/accuracies") >= SATURATION)
                .map(LoggedStep::step).findFirst().orElse(null);
        List<DeltaSummary> pairs = new ArrayList<>();
        for (String split : run.splits()) {
            for (int epoch : run.epochs(split)) {
                pairs.add(DeltaSummary.of(split, epoch, run.pairs(split, epoch)));
            }
        }
        return new RunSummary(run.label(), run.isPreference() ? "dpo" : "sft", run.steps().size(), run.evals().size(),
                lastStep, lastEpoch, train, eval, saturation, pairs);
    }

    /** The gaps of {@code split} at its last dumped epoch, or {@code null}. */
    public DeltaSummary lastDump(String split) {
        DeltaSummary last = null;
        for (DeltaSummary d : pairs) {
            if (d.split().equals(split)) {
                last = d;
            }
        }
        return last;
    }
}
