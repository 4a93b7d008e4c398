package org.vapr.world;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/**
 * What {@link BenchmarkSynthesizer#synthesize} wrote.
 *
 * @param kind   the benchmark
 * @param scenes base scenes drawn from the held-out stream
 * @param images image files written (NaturalBench writes two per group)
 * @param counts items per split / question type, as in the manifest
 * @param files  the benchmark files, in the order written (scenes.jsonl and manifest.json excluded)
 */
public record BenchmarkReport(BenchmarkKind kind, int scenes, long images, SortedMap<String, Long> counts, List<Path> files) {
    public BenchmarkReport {
        files = List.copyOf(files);
    }
}
