package org.vapr.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.vapr.analysis.read.ReadSummary;
import org.vapr.analysis.read.SampleReader;
import org.vapr.analysis.stats.BiasStatistics;
import org.vapr.analysis.stats.PairMetrics;
import org.vapr.analysis.stats.TokenCounter;
import org.vapr.core.InputException;

/**
 * Reads a preference dataset and measures its style and length biases. Reading streams; with
 * {@link AnalysisSettings#threads()} workers, JSONL lines are parsed and pairs measured on the workers while the
 * file is read, and only the per-pair numbers are kept. Word measurements start at once; token counts follow as soon
 * as the tokenizer has loaded (until then they are finished by the reading thread). Results are collected in file
 * order, so the report does not depend on the thread count.
 */
public final class BiasAnalysis {
    private BiasAnalysis() {
    }

    /** Responses up to this many characters have their token counts remembered ("Yes.", "There are 2 dogs."). */
    private static final int CACHED_MAX_CHARS = 64;
    /** At most this many remembered counts (a few MiB). */
    private static final int CACHED_MAX_ENTRIES = 1 << 16;

    /** Analyzes {@code file}. Fails with an {@link InputException} when it yields no pair at all. */
    public static BiasReport analyze(Path file, AnalysisSettings settings) throws IOException {
        TokenCounter tokens = cached(settings.tokenizer());
        AtomicBoolean tokenizerReady = new AtomicBoolean(settings.threads() <= 1);
        if (!tokenizerReady.get()) {
            Thread waiter = new Thread(() -> {
                tokens.count(""); // returns once the vocabulary has loaded; a failure surfaces on the reading thread
                tokenizerReady.set(true);
            }, "vapr-tokenizer-ready");
            waiter.setDaemon(true);
            waiter.setUncaughtExceptionHandler((t, e) -> { });
            waiter.start();
        }
        List<PairMetrics> metrics = new ArrayList<>();
        ReadSummary summary = SampleReader.read(file, settings.format(), settings.pairing(), settings.seed(),
                settings.threads(), chunk -> {
                    PairMetrics.Words[] words = new PairMetrics.Words[chunk.size()];
                    for (int i = 0; i < words.length; i++) {
                        words[i] = PairMetrics.words(chunk.get(i));
                    }
                    Supplier<List<PairMetrics>> finish = () -> {
                        List<PairMetrics> out = new ArrayList<>(words.length);
                        for (PairMetrics.Words w : words) {
                            out.add(w.withTokens(tokens));
                        }
                        return out;
                    };
                    if (tokenizerReady.get()) {
                        List<PairMetrics> done = finish.get();
                        return () -> done;
                    }
                    return finish;
                }, metrics::add);
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

    /**
     * {@code counter} remembering the counts of short responses, which repeat across pairs (short answers, templated
     * captions); counts are a function of the text, so the report is unchanged.
     */
    private static TokenCounter cached(TokenCounter counter) {
        ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();
        return new TokenCounter() {
            @Override
            public String name() {
                return counter.name();
            }

            @Override
            public int count(String text) {
                if (text.length() > CACHED_MAX_CHARS) {
                    return counter.count(text);
                }
                Integer n = counts.get(text);
                if (n == null) {
                    n = counter.count(text);
                    if (counts.size() < CACHED_MAX_ENTRIES) {
                        counts.put(text, n);
                    }
                }
                return n;
            }
        };
    }
}
