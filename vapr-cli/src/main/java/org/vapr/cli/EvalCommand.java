package org.vapr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.vapr.eval.Benchmark;
import org.vapr.eval.BenchmarkScoring;
import org.vapr.eval.ScoreReport;
import org.vapr.eval.ScoreTable;
import org.vapr.eval.ScoredRun;
import org.vapr.eval.parse.PopeParser;
import org.vapr.eval.score.Bootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vapr eval}: benchmark evaluation. {@code score} re-scores existing predictions against a benchmark's
 * official files; a {@code run} subcommand (model backends: in-process model directory or OpenAI-compatible
 * endpoint) is to be added next to it in {@code subcommands}.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate models on published benchmarks from their official files.",
        subcommands = {
            EvalCommand.Score.class,
            // EvalCommand.Run.class: `vapr eval run --benchmark … --data FILE --model DIR|--endpoint URL --out DIR` goes here
        })
final class EvalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code vapr eval score}: scores a predictions file (LLaVA answer-file format) against a benchmark. */
    @Command(name = "score", mixinStandardHelpOptions = true,
            description = {
                "Score predictions in LLaVA's answer-file format (JSONL with question_id and text) against a benchmark's files.",
                "Prints a table of scores (in percent) with bootstrap 95% intervals; --json writes every score as fractions.",
                "A missing prediction counts as wrong; unknown question ids are counted and ignored.",
                "Data: pope = coco_pope_{random,popular,adversarial}.json (give each, or a folder); naturalbench = JSONL export of "
                    + "BaiqiL/NaturalBench (ids <Index>_q0_i0 … <Index>_q1_i1); seed = SEED-Bench.json (image questions); "
                    + "cvbench = test.jsonl; mmstar, mmmu = JSON/JSONL exports of the parquet releases (MMMU: multiple choice only); "
                    + "mathvista = testmini.json (multiple choice only)."
            })
    static final class Score implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--benchmark", required = true, paramLabel = "NAME",
                description = "pope, naturalbench, seed, cvbench, mmstar, mmmu or mathvista.")
        String benchmark;

        @Option(names = "--data", required = true, paramLabel = "FILE", arity = "1..*",
                description = "The benchmark's file(s); a folder stands for its .json/.jsonl files in name order.")
        List<Path> data;

        @Option(names = "--predictions", required = true, paramLabel = "FILE", arity = "1..*",
                description = "One answer file for all data files, or one per data file (in the same order).")
        List<Path> predictions;

        @Option(names = "--parser", paramLabel = "NAME",
                description = "POPE only: official (default; LLaVA's eval_pope.py) or lmms-eval (exact yes/no).")
        String parser;

        @Option(names = "--json", paramLabel = "FILE", description = "Write the report (scores as fractions, intervals, counts) as JSON.")
        Path json;

        @Option(names = "--items", paramLabel = "FILE", description = "Write every item with its parsed answer as JSONL.")
        Path items;

        @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000",
                description = "Bootstrap replicates for the 95%% intervals (default: ${DEFAULT-VALUE}; 0 = none).")
        int bootstrap;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--compare", paramLabel = "FILE", arity = "1..*",
                description = "Second predictions file(s) on the same items: paired bootstrap of (second − first) with p-values.")
        List<Path> compare;

        @Override
        public Integer call() throws IOException {
            Benchmark b;
            try {
                b = Benchmark.of(benchmark);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--benchmark: unknown benchmark '" + benchmark
                        + "' (expected pope, naturalbench, seed, cvbench, mmstar, mmmu or mathvista)");
            }
            PopeParser popeParser = PopeParser.OFFICIAL;
            if (parser != null) {
                if (b != Benchmark.POPE) {
                    throw new ParameterException(spec.commandLine(), "--parser applies to --benchmark pope only");
                }
                try {
                    popeParser = PopeParser.of(parser);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--parser: " + e.getMessage());
                }
            }
            if (bootstrap < 0) {
                throw new ParameterException(spec.commandLine(), "--bootstrap must be 0 or more, got " + bootstrap);
            }
            List<Path> dataFiles = expand(data);
            ScoredRun run = score(b, dataFiles, predictions, popeParser);
            ScoredRun other = compare == null ? null : score(b, dataFiles, compare, popeParser);
            Bootstrap boot = bootstrap == 0 ? null : Bootstrap.of(bootstrap, seed);
            if (other != null && boot == null) {
                boot = Bootstrap.of(1000, seed);
            }
            ScoreReport report = ScoreReport.of(run, dataFiles, predictions, boot, other, compare);
            spec.commandLine().getOut().print(ScoreTable.render(report));
            if (json != null) {
                report.writeJson(json);
                spec.commandLine().getOut().println("json: " + json);
            }
            if (items != null) {
                run.writeItems(items);
                spec.commandLine().getOut().println("items: " + items);
            }
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }

        private ScoredRun score(Benchmark b, List<Path> dataFiles, List<Path> predictionFiles, PopeParser p) {
            try {
                return BenchmarkScoring.score(b, dataFiles, predictionFiles, p);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        private static List<Path> expand(List<Path> paths) throws IOException {
            List<Path> out = new ArrayList<>();
            for (Path p : paths) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.list(p)) {
                        s.filter(f -> {
                            String n = f.getFileName().toString();
                            return Files.isRegularFile(f) && (n.endsWith(".json") || n.endsWith(".jsonl"));
                        }).sorted().forEach(out::add);
                    }
                } else {
                    out.add(p);
                }
            }
            return out;
        }
    }
}
