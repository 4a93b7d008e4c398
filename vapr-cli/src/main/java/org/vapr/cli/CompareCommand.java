package org.vapr.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vapr.analysis.BiasAnalysis;
import org.vapr.analysis.report.ReportJson;
import org.vapr.analysis.BiasReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vapr compare}: the bias statistics of several datasets side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {
            "Analyze several preference datasets and put their bias statistics side by side (same bins, same tokenizer).",
            "Prints a Markdown table with one column per dataset; --json writes one report object per label; --report an HTML page."
        })
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AnalysisOptions options;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The datasets (each in any supported format; --format applies to all).")
    List<Path> files;

    @Option(names = "--labels", paramLabel = "A,B,...", split = ",",
            description = "Column labels, one per FILE (default: derived from the file names).")
    List<String> labels;

    @Option(names = "--json", paramLabel = "FILE", description = "Write one full report per label as JSON.")
    Path json;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Write a self-contained HTML page with the datasets side by side in SVG charts (one colour per dataset, same bins).")
    Path htmlReport;

    @Override
    public Integer call() throws Exception {
        if (labels != null && labels.size() != files.size()) {
            throw new ParameterException(spec.commandLine(), "--labels: " + labels.size() + " labels for " + files.size() + " files");
        }
        Map<String, BiasReport> reports = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            String label = labels != null ? labels.get(i).trim() : AnalysisOutput.labelOf(files.get(i));
            if (label.isEmpty() || reports.containsKey(label)) {
                label = label.isEmpty() ? "dataset" + (i + 1) : label + "-" + (i + 1);
            }
            if (labels != null && reports.containsKey(labels.get(i).trim())) {
                throw new ParameterException(spec.commandLine(), "--labels: duplicate label '" + labels.get(i).trim() + "'");
            }
            reports.put(label, BiasAnalysis.analyze(files.get(i), options.settings()));
        }
        AnalysisOutput.print(spec.commandLine(), reports);
        AnalysisOutput.writeFiles(spec.commandLine(), reports, json, ReportJson.compare(reports), htmlReport);
        return ExitCode.OK;
    }
}
