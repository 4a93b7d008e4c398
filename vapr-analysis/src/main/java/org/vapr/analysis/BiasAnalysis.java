package org.vapr.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.vapr.analysis.read.ReadSummary;
import org.vapr.analysis.read.SampleReader;
import org.vapr.analysis.stats.BiasStatistics;
import org.vapr.analysis.stats.PairMetrics;
import org.vapr.analysis.stats.TokenCounter;
import org.vapr.core.InputException;

/**
 * Reads a preference dataset and measures its style and length biases. Reading streams; pairs are measured in
 * chunks on {@link AnalysisSettings#threads()} workers while the file is read, and only the per-pair numbers are
 * kept. Results are collected in file order, so the report does not depend on the thread count.
 */
public final class BiasAnalysis {
    private static final int CHUNK = 1024;

    private BiasAnalysis() {
    }

    /** Analyzes {@code file}. Fails with an {@link InputException} when it yields no pair at all. */
    public static BiasReport analyze(Path file, AnalysisSettings settings) throws IOException {
        TokenCounter tokens = settings.tokenizer();
        List<PairMetrics> metrics = new ArrayList<>();
        ReadSummary summary;
        if (settings.threads() <= 1) {
            summary = SampleReader.read(file, settings.format(), settings.pairing(), settings.seed(),
                    s -> metrics.add(PairMetrics.measure(s, tokens)));
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), r -> {
                Thread t = new Thread(r, "vapr-analyze");
                t.setDaemon(true);
                return t;
            });
            try {
                Deque<Future<PairMetrics[]>> inFlight = new ArrayDeque<>();
                List<PreferenceSample> chunk = new ArrayList<>(CHUNK);
                Runnable flush = () -> {
                    PreferenceSample[] batch = chunk.toArray(PreferenceSample[]::new);
                    chunk.clear();
                    inFlight.add(pool.submit(() -> {
                        PairMetrics[] out = new PairMetrics[batch.length];
                        for (int i = 0; i < batch.length; i++) {
                            out[i] = PairMetrics.measure(batch[i], tokens);
                        }
                        return out;
                    }));
                    while (inFlight.size() > 4L * settings.threads()) {
                        metrics.addAll(Arrays.asList(join(inFlight.poll())));
                    }
                };
                summary = SampleReader.read(file, settings.format(), settings.pairing(), settings.seed(), s -> {
                    chunk.add(s);
                    if (chunk.size() == CHUNK) {
                        flush.run();
                    }
                });
                if (!chunk.isEmpty()) {
                    flush.run();
                }
                while (!inFlight.isEmpty()) {
                    metrics.addAll(Arrays.asList(join(inFlight.poll())));
                }
            } finally {
                pool.shutdownNow();
            }
        }
        if (metrics.isEmpty()) {
            String why = summary.firstProblems().isEmpty() ? "" : "; first problem: " + summary.firstProblems().get(0).toLine();
            throw new InputException(file + ": no preference pairs read (" + summary.records() + " records, "
                    + summary.problems() + " problems, format " + summary.format() + ")" + why);
        }
        Map<String, List<PairMetrics>> byCategory = new TreeMap<>();
        for (PairMetrics m : metrics) {
            if (m.category() != null) {
                byCategory.computeIfAbsent(m.category(), k -> new ArrayList<>()).add(m);
            }
        }
        TreeMap<String, BiasStatistics> categories = new TreeMap<>();
        byCategory.forEach((k, v) -> categories.put(k, BiasStatistics.of(v)));
        return new BiasReport(file.toString(), tokens.name(), summary, BiasStatistics.of(metrics), categories);
    }

    private static PairMetrics[] join(Future<PairMetrics[]> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
