package org.vapr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.vapr.core.Category;
import org.vapr.pipeline.BuildReport;
import org.vapr.pipeline.run.EditProgress;

/** The one-screen summary of a build: counts per stage, drops by reason, per category, oracle share, style gaps. */
final class BuildSummary {
    private BuildSummary() {
    }

    static void print(PrintWriter o, BuildReport r, Path scenesFile, Path out) {
        print(o, r, scenesFile, out, null);
    }

    /** The summary, with the edit stage's chat calls, tokens and cost when {@code edit} is not {@code null}. */
    static void print(PrintWriter o, BuildReport r, Path scenesFile, Path out, EditProgress edit) {
        o.printf(Locale.ROOT, "records read %,d (bad %,d) -> QA turns %,d -> kept %,d -> candidates %,d -> sampled %,d -> pairs %,d%n",
                r.recordsRead(), r.badRecords(), r.turns(), r.kept(), r.candidates(), r.sampled(), r.pairs());
        if (!r.droppedByReason().isEmpty()) {
            o.println("dropped by reason:");
            r.droppedByReason().forEach((k, v) -> o.printf(Locale.ROOT, "  %-22s %,10d%n", k, v));
        }
        if (!r.candidatesByCategory().isEmpty()) {
            o.printf(Locale.ROOT, "%-13s %11s %8s %8s%n", "category", "candidates", "target", "pairs");
            for (Category c : Category.values()) {
                o.printf(Locale.ROOT, "  %-11s %11s %8s %8s%n", c.id(),
                        fmt(r.candidatesByCategory(), c), fmt(r.targetByCategory(), c), fmt(r.pairsByCategory(), c));
            }
        }
        if (r.pairs() > 0) {
            if (scenesFile != null) {
                long decided = r.oracleTrue() + r.oracleFalse();
                o.printf(Locale.ROOT, "oracle (%s): rejected verified false %.1f%% of pairs (%,d false, %,d undecidable; %,d true were dropped)%n",
                        scenesFile.getFileName(), 100.0 * r.oracleVerifiedShare(), r.oracleFalse(), r.oracleUnknown(), r.oracleTrue());
                if (decided == 0) {
                    o.println("  (the oracle could decide no pair)");
                }
            } else {
                o.println("oracle: none (no scenes.jsonl): rejected answers not verified against ground truth");
            }
            o.printf(Locale.ROOT, "mean word-level Levenshtein %.2f, mean token-length delta (chosen - rejected, o200k) %.2f%n",
                    r.meanWordLevenshtein(), r.meanTokenLengthDelta());
        }
        if (edit != null && (edit.callsMade() > 0 || edit.callsReplayed() > 0)) {
            o.printf(Locale.ROOT, "chat calls: %,d made, %,d replayed from the journal; tokens %,d prompt + %,d completion; cost %s%n",
                    edit.callsMade(), edit.callsReplayed(), edit.promptTokens(), edit.completionTokens(),
                    Double.isFinite(edit.costDollars()) ? String.format(Locale.ROOT, "$%.2f", edit.costDollars())
                            : "unknown (no price for the model)");
        }
        for (String w : r.warnings()) {
            o.println("warning: " + w);
        }
        o.println("outputs in " + out + ":");
        for (Path p : r.outputs()) {
            o.println("  " + p);
        }
        o.flush();
    }

    private static String fmt(Map<String, Long> m, Category c) {
        Long v = m.get(c.id());
        return v == null ? "-" : String.format(Locale.ROOT, "%,d", v);
    }
}
