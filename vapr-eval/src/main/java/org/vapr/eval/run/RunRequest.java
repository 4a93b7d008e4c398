package org.vapr.eval.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.vapr.core.AnswerVerifier;
import org.vapr.eval.Benchmark;
import org.vapr.eval.data.WorldQaFile;
import org.vapr.eval.parse.ChoiceParser;
import org.vapr.eval.parse.PopeParser;

/**
 * What {@link BenchmarkRun} evaluates and how.
 *
 * @param benchmark        the benchmark
 * @param dataFiles        its files (POPE: one per split; world-qa: one corpus)
 * @param images           the image root, or {@code null} for each data file's own directory
 * @param out              the output directory
 * @param limit            ask only the first {@code limit} items of each data file (NaturalBench: whole groups); 0 = all
 * @param popeShortAnswer  POPE: append LLaVA's short-answer instruction to the question
 * @param parser           the POPE parser (also reads world-qa's yes/no answers)
 * @param choiceParser     the multiple-choice parser (also reads NaturalBench's answers)
 * @param bootstrapSamples bootstrap replicates for the 95% intervals, 0 for none
 * @param seed             the bootstrap seed
 * @param worldTurns       world-qa: which turns to ask
 * @param labels           world-qa: the world's {@code labels.jsonl}, or {@code null}
 * @param verifier         world-qa: judges an answer against the scene ({@link AnswerVerifier#NONE}: exact match only)
 * @param categories       world-qa: the category of turns the labels do not cover
 */
public record RunRequest(Benchmark benchmark, List<Path> dataFiles, Path images, Path out, int limit,
                         boolean popeShortAnswer, PopeParser parser, ChoiceParser choiceParser, int bootstrapSamples, long seed,
                         WorldQaFile.Turns worldTurns, Path labels, AnswerVerifier verifier,
                         WorldQaFile.CategoryFunction categories) {
    public RunRequest {
        Objects.requireNonNull(benchmark, "benchmark");
        dataFiles = List.copyOf(dataFiles);
        if (dataFiles.isEmpty()) {
            throw new IllegalArgumentException("need at least one data file");
        }
        if (benchmark == Benchmark.WORLD_QA && dataFiles.size() != 1) {
            throw new IllegalArgumentException("world-qa takes one corpus file, got " + dataFiles.size());
        }
        Objects.requireNonNull(out, "out");
        if (limit < 0 || bootstrapSamples < 0) {
            throw new IllegalArgumentException("limit and bootstrap samples must be 0 or more");
        }
        parser = parser == null ? PopeParser.OFFICIAL : parser;
        choiceParser = choiceParser == null ? ChoiceParser.OFFICIAL : choiceParser;
        worldTurns = worldTurns == null ? WorldQaFile.Turns.SHORT : worldTurns;
        verifier = verifier == null ? AnswerVerifier.NONE : verifier;
        categories = categories == null ? WorldQaFile.CategoryFunction.NONE : categories;
    }

    /** A request with the defaults: all items, LLaVA's POPE prompt, official parsers, 1000 replicates, seed 42. */
    public static RunRequest of(Benchmark benchmark, List<Path> dataFiles, Path out) {
        return new RunRequest(benchmark, dataFiles, null, out, 0, true, PopeParser.OFFICIAL, ChoiceParser.OFFICIAL, 1000, 42,
                WorldQaFile.Turns.SHORT, null, null, null);
    }
}
