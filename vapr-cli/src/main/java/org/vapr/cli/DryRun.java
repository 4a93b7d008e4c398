package org.vapr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vapr.core.Category;
import org.vapr.core.InputException;
import org.vapr.core.InputProblem;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.io.Json;
import org.vapr.core.io.JsonlReader;
import org.vapr.pipeline.edit.AnswerExtender;
import org.vapr.pipeline.edit.EditRequest;
import org.vapr.pipeline.edit.TokenCounter;
import org.vapr.pipeline.edit.llm.CostEstimate;
import org.vapr.pipeline.select.SampledCandidate;

/**
 * {@code --dry-run}: renders the first attempt's request of every sampled turn (and the extension requests with
 * {@code --llm-extend}), estimates calls, tokens and cost without any call, prints the estimate and writes
 * {@code DIR/dry-run.json}.
 */
final class DryRun {
    /** The estimate's file name in the output directory. */
    static final String FILE = "dry-run.json";

    private DryRun() {
    }

    /** Estimates the edit of the turns in {@code sampledJsonl} and writes {@code out/dry-run.json}. */
    static CostEstimate run(PrintWriter stdout, Path sampledJsonl, Path out, EditorWiring w, BuildOptions.Editing o)
            throws IOException {
        AnswerExtender rules = new AnswerExtender(o.extendShort);
        List<CostEstimate.Call> edits = new ArrayList<>();
        List<CostEstimate.Call> extensions = new ArrayList<>();
        try (JsonlReader in = JsonlReader.open(sampledJsonl)) {
            for (JsonlReader.Line line; (line = in.next()) != null; ) {
                SampledCandidate s;
                try {
                    s = Json.mapper().readValue(line.bytes(), SampledCandidate.class);
                } catch (IOException e) {
                    throw new InputException(new InputProblem(sampledJsonl.toString(), line.number(), line.byteOffset(), "",
                            "not a sampled turn: " + e.getMessage().lines().findFirst().orElse(""), true));
                }
                Category c = Category.fromId(s.category()).orElseThrow(() -> new InputException(new InputProblem(
                        sampledJsonl.toString(), -1, -1, "category", "unknown category '" + s.category() + "'", true)));
                String chosen = rules.extend(s.prompt(), s.answer()).text();
                EditRequest r = new EditRequest(s.sourceId(), s.turn(), s.image(), c, s.prompt(), chosen, List.of(), 1, null, 0L);
                edits.add(new CostEstimate.Call(w.llm().request(r, false), CostEstimate.editCompletionTokens(chosen)));
                if (w.extender() != null && w.extender().needsCall(s.prompt(), s.answer())) {
                    extensions.add(new CostEstimate.Call(w.extender().request(s.prompt(), s.answer()),
                            TokenCounter.count(chosen) + 8));
                }
            }
        }
        CostEstimate est = CostEstimate.of(o.model, w.price(), o.expectedAttempts, edits, extensions);
        Files.createDirectories(out);
        AtomicFiles.writeString(out.resolve(FILE), est.toJson());
        stdout.print(est.summary());
        stdout.println("  wrote " + out.resolve(FILE) + " (no request was sent)");
        stdout.flush();
        return est;
    }
}
