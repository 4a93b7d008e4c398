package org.vapr.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vapr.core.InputException;
import org.vapr.eval.data.BenchmarkData;
import org.vapr.eval.data.EvalItem;
import org.vapr.eval.data.Prediction;
import org.vapr.eval.data.PredictionFile;
import org.vapr.eval.parse.ChoiceParser;
import org.vapr.eval.parse.PopeParser;
import org.vapr.eval.score.ScoredItem;

/**
 * Scores predictions in LLaVA's answer-file format against a benchmark's files. Several data files (POPE's three
 * splits, MMMU's subjects) take either one predictions file for all of them — their question ids must then be
 * unique across files — or one predictions file per data file, paired in order (POPE's per-split files all
 * start at question id 1). A missing prediction counts as wrong; unknown question ids are counted and ignored.
 */
public final class BenchmarkScoring {
    private BenchmarkScoring() {
    }

    /**
     * Reads and scores.
     *
     * @param parser the POPE parser (ignored by other benchmarks); multiple choice is read by the official parser
     * @throws InputException on a bad record, or question ids shared by data files scored from one predictions file
     * @throws IllegalArgumentException when the number of predictions files is neither 1 nor the number of data files
     */
    public static ScoredRun score(Benchmark benchmark, List<Path> dataFiles, List<Path> predictionFiles, PopeParser parser) {
        return score(benchmark, dataFiles, predictionFiles, parser, ChoiceParser.OFFICIAL);
    }

    /**
     * Reads and scores, reading multiple-choice answers (and NaturalBench's) with {@code choiceParser}.
     *
     * @param parser       the POPE parser (ignored by other benchmarks)
     * @param choiceParser the multiple-choice parser (ignored by POPE)
     */
    public static ScoredRun score(Benchmark benchmark, List<Path> dataFiles, List<Path> predictionFiles, PopeParser parser,
                                  ChoiceParser choiceParser) {
        if (dataFiles.isEmpty() || predictionFiles.isEmpty()) {
            throw new IllegalArgumentException("need at least one data file and one predictions file");
        }
        if (predictionFiles.size() != 1 && predictionFiles.size() != dataFiles.size()) {
            throw new IllegalArgumentException("give one predictions file, or one per data file (" + dataFiles.size()
                    + " data files, " + predictionFiles.size() + " predictions files)");
        }
        List<BenchmarkData> data = dataFiles.stream().map(benchmark::read).toList();
        List<PredictionFile> predictions = predictionFiles.stream().map(PredictionFile::read).toList();
        return score(benchmark, dataFiles, data, predictions, parser, choiceParser);
    }

    /**
     * Scores predictions already read against data already read (e.g. the first items of each file only).
     *
     * @param dataFiles the files {@code data} came from, in the same order (for messages)
     * @param predictions one predictions file for all data, or one per data file
     */
    public static ScoredRun score(Benchmark benchmark, List<Path> dataFiles, List<BenchmarkData> data,
                                  List<PredictionFile> predictions, PopeParser parser, ChoiceParser choiceParser) {
        if (data.size() != dataFiles.size() || (predictions.size() != 1 && predictions.size() != data.size())) {
            throw new IllegalArgumentException("give one predictions file, or one per data file (" + data.size()
                    + " data files, " + predictions.size() + " predictions files)");
        }
        if (predictions.size() == 1 && data.size() > 1) {
            Map<String, Path> seen = new HashMap<>();
            for (int f = 0; f < data.size(); f++) {
                for (EvalItem it : data.get(f).items()) {
                    Path before = seen.putIfAbsent(it.id(), dataFiles.get(f));
                    if (before != null && !before.equals(dataFiles.get(f))) {
                        throw new InputException(dataFiles.get(f) + ": question_id '" + it.id() + "' also appears in " + before
                                + ": give one --predictions file per --data file");
                    }
                }
            }
        }
        List<ScoredItem> items = new ArrayList<>();
        int missing = 0;
        int unknown = 0;
        int duplicates = 0;
        int skipped = 0;
        String skippedReason = null;
        for (PredictionFile p : predictions) {
            duplicates += p.duplicates();
        }
        Set<String> allIds = new HashSet<>();
        for (int f = 0; f < data.size(); f++) {
            BenchmarkData d = data.get(f);
            skipped += d.skipped();
            skippedReason = skippedReason == null ? d.skippedReason() : skippedReason;
            PredictionFile p = predictions.size() == 1 ? predictions.get(0) : predictions.get(f);
            Set<String> ids = new HashSet<>(d.skippedIds());
            allIds.addAll(d.skippedIds());
            for (EvalItem it : d.items()) {
                if (!ids.add(it.id())) {
                    throw new InputException(dataFiles.get(f) + ": question_id '" + it.id() + "' appears twice");
                }
                allIds.add(it.id());
                Prediction pred = p.byId().get(it.id());
                ScoredItem s = scoreOne(benchmark, it, pred, parser, choiceParser);
                missing += s.missing() ? 1 : 0;
                items.add(s);
            }
            if (predictions.size() > 1) {
                unknown += (int) p.byId().keySet().stream().filter(id -> !ids.contains(id)).count();
            }
        }
        if (predictions.size() == 1) {
            unknown = (int) predictions.get(0).byId().keySet().stream().filter(id -> !allIds.contains(id)).count();
        }
        int unparsable = (int) items.stream().filter(ScoredItem::unparsable).count();
        String parserId = benchmark == Benchmark.POPE ? parser.id() : choiceParser.id();
        return new ScoredRun(benchmark, parserId, items, units(benchmark, items),
                missing, unknown, duplicates, unparsable, skipped, skippedReason);
    }

    /** Scores one item against its prediction ({@code null} when missing). */
    public static ScoredItem scoreOne(Benchmark benchmark, EvalItem it, Prediction pred, PopeParser parser,
                                      ChoiceParser choiceParser) {
        String response = pred == null ? null : pred.text();
        String parsed = null;
        if (response != null) {
            parsed = switch (benchmark) {
                case POPE -> parser.parse(response);
                case NATURALBENCH -> String.valueOf(choiceParser.parseNaturalBench(response, it.questionType(), it.options()));
                default -> choiceParser.parse(response, it.letters(), it.options());
            };
        }
        boolean correct = parsed != null && parsed.equals(it.gold());
        return new ScoredItem(it.id(), it.split(), it.group(), it.position(), it.category(), it.subcategory(), it.gold(),
                response, parsed, correct, pred == null);
    }

    /** Items grouped into resampling units: NaturalBench's groups, otherwise single items. */
    static List<List<ScoredItem>> units(Benchmark benchmark, List<ScoredItem> items) {
        if (benchmark != Benchmark.NATURALBENCH) {
            return items.stream().map(List::of).toList();
        }
        Map<String, List<ScoredItem>> groups = new LinkedHashMap<>();
        for (ScoredItem it : items) {
            groups.computeIfAbsent(Objects.requireNonNull(it.group()), k -> new ArrayList<>()).add(it);
        }
        return new ArrayList<>(groups.values());
    }
}
