package org.vapr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.vapr.analysis.BiasReport;
import org.vapr.analysis.report.MarkdownTable;
import org.vapr.core.InputProblem;
import picocli.CommandLine;

/** What {@code analyze} and {@code compare} print: bad-record lines on stderr, the Markdown table on stdout. */
final class AnalysisOutput {
    private static final int PROBLEMS_SHOWN = 5;

    private AnalysisOutput() {
    }

    static void print(CommandLine cl, Map<String, BiasReport> reports) {
        PrintWriter err = cl.getErr();
        for (BiasReport r : reports.values()) {
            var read = r.read();
            if (read.problems() > 0) {
                err.println("vapr " + cl.getCommandName() + ": " + r.file() + ": " + read.problems() + " bad record(s) skipped"
                        + (read.stoppedEarly() ? "; reading stopped at a syntax error" : "") + ":");
                read.firstProblems().stream().limit(PROBLEMS_SHOWN).map(InputProblem::toLine).forEach(l -> err.println("  " + l));
            }
            read.skipped().forEach((reason, n) -> err.println("vapr " + cl.getCommandName() + ": " + r.file()
                    + ": skipped " + n + " record(s): " + reason));
        }
        err.flush();
        cl.getOut().print(MarkdownTable.render(reports));
        cl.getOut().flush();
    }

    /** A label from a file name: the name without extension, or the directory name for generic names. */
    /** Writes the {@code --json} body and the {@code --report} page when asked for, and says where they went. */
    static void writeFiles(CommandLine cl, Map<String, BiasReport> reports, Path json,
                           com.fasterxml.jackson.databind.node.ObjectNode jsonBody, Path htmlReport) throws java.io.IOException {
        if (json != null) {
            org.vapr.analysis.report.ReportJson.write(json, jsonBody);
            cl.getOut().println("json: " + json);
        }
        if (htmlReport != null) {
            org.vapr.analysis.report.HtmlReport.write(htmlReport, reports);
            cl.getOut().println("report: " + htmlReport);
        }
    }

    static String labelOf(Path file) {
        Path name = file.getFileName();
        String n = name == null ? file.toString() : name.toString();
        int dot = n.indexOf('.');
        String stem = dot > 0 ? n.substring(0, dot) : n;
        if ((stem.equals("pairs") || stem.equals("train") || stem.equals("data")) && file.toAbsolutePath().getParent() != null) {
            Path parent = file.toAbsolutePath().getParent().getFileName();
            if (parent != null) {
                return parent.toString();
            }
        }
        return stem;
    }
}
