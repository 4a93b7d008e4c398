package org.vapr.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vapr.analysis.BiasAnalysis;
import org.vapr.analysis.BiasReport;
import org.vapr.analysis.report.ReportJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vapr analyze}: style and length biases of one preference dataset. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {
            "Measure the style and length biases of a preference dataset (paper sections 3.4, 6.4): word-level Levenshtein",
            "distance chosen vs rejected, token-length delta (split at 100 tokens), exact and near duplicates, lengths,",
            "per category. Prints a Markdown table; --json writes every number; --report an HTML page with charts."
        })
final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AnalysisOptions options;

    @Parameters(index = "0", paramLabel = "FILE", description = "The dataset: JSONL, a JSON array, or HA-DPO's desc_data.json.")
    Path file;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the full report as JSON.")
    Path json;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Write a self-contained HTML report with SVG charts (histograms, longer/shorter, per category).")
    Path htmlReport;

    @Override
    public Integer call() throws Exception {
        BiasReport report = BiasAnalysis.analyze(file, options.settings());
        Map<String, BiasReport> one = new LinkedHashMap<>();
        one.put(AnalysisOutput.labelOf(file), report);
        AnalysisOutput.print(spec.commandLine(), one);
        AnalysisOutput.writeFiles(spec.commandLine(), one, json, ReportJson.of(report), htmlReport);
        return ExitCode.OK;
    }
}
