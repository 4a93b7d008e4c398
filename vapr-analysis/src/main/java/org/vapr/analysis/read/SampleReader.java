package org.vapr.analysis.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.vapr.analysis.PreferenceSample;
import org.vapr.core.InputProblem;
import org.vapr.core.io.JsonlReader;

/**
 * Reads any supported preference dataset into {@link PreferenceSample}s, streaming record by record. A bad record
 * is one {@link InputProblem} (file, record or line, byte offset, field); it is counted and the others are read.
 *
 * <p>With worker threads, JSONL lines are parsed and mapped on the workers (the reading thread only splits lines);
 * JSON arrays and keyed objects are parsed on the reading thread and their pairs measured on the workers. Either way
 * results, counts and kept problems are collected in file order, so they do not depend on the thread count.
 */
public final class SampleReader {
    /** How many problems a {@link ReadSummary} keeps verbatim. */
    public static final int PROBLEMS_KEPT = 20;
    /** JSONL lines per worker task. */
    private static final int LINES_PER_TASK = 256;
    /** Pairs per measuring task (and per chunk of the single-threaded path). */
    private static final int SAMPLES_PER_TASK = 512;
    /** Tasks in flight per worker thread. */
    private static final int TASKS_PER_THREAD = 16;

    /**
     * Measures a chunk of pairs in two steps: {@link #start} runs on a worker; the step it returns runs later, in file
     * order, on the reading thread (a step that is already done returns its results at once). The split lets workers
     * begin while something slow, such as a tokenizer's vocabulary, is still loading.
     */
    @FunctionalInterface
    public interface ChunkMeasure<T> {
        Supplier<List<T>> start(List<PreferenceSample> chunk);
    }

    private SampleReader() {
    }

    /**
     * Reads {@code file} in {@code format} ({@link SourceFormat#AUTO} detects it), handing every pair to
     * {@code sink} in file order.
     */
    public static ReadSummary read(Path file, SourceFormat format, PairingMode pairing, long seed,
                                   Consumer<PreferenceSample> sink) throws IOException {
        Detection d = FormatDetector.detect(file, format);
        Mapping mapping = new Mapping(file, d, pairing, seed);
        Tally tally = new Tally();
        if (d.shape() == RecordShape.JSONL) {
            try (JsonlReader r = JsonlReader.open(file)) {
                JsonlReader.Line line;
                while ((line = r.next()) != null) {
                    mapping.line(line, tally, sink);
                }
            }
        } else {
            RecordStream.read(file, d.shape(), mapping.sink(tally, sink));
        }
        return tally.summary(d);
    }

    /**
     * Reads {@code file} like {@link #read(Path, SourceFormat, PairingMode, long, Consumer)} and measures its pairs
     * with {@code measure} on {@code threads} workers (none when {@code threads <= 1}), handing the results to
     * {@code sink} in file order. Results do not depend on {@code threads}.
     */
    public static <T> ReadSummary read(Path file, SourceFormat format, PairingMode pairing, long seed, int threads,
                                       ChunkMeasure<T> measure, Consumer<T> sink) throws IOException {
        if (threads <= 1) {
            List<PreferenceSample> chunk = new ArrayList<>(SAMPLES_PER_TASK);
            Runnable flush = () -> {
                measure.start(List.copyOf(chunk)).get().forEach(sink);
                chunk.clear();
            };
            ReadSummary summary = read(file, format, pairing, seed, s -> {
                chunk.add(s);
                if (chunk.size() == SAMPLES_PER_TASK) {
                    flush.run();
                }
            });
            if (!chunk.isEmpty()) {
                flush.run();
            }
            return summary;
        }
        Detection d = FormatDetector.detect(file, format);
        Mapping mapping = new Mapping(file, d, pairing, seed);
        Tally tally = new Tally();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vapr-analyze");
            t.setDaemon(true);
            return t;
        });
        try {
            Ordered<T> ordered = new Ordered<>(tally, sink, TASKS_PER_THREAD * threads);
            if (d.shape() == RecordShape.JSONL) {
                try (JsonlReader r = JsonlReader.open(file)) {
                    List<JsonlReader.Line> lines = new ArrayList<>(LINES_PER_TASK);
                    JsonlReader.Line line;
                    while (true) {
                        line = r.next();
                        if (line != null) {
                            lines.add(line);
                        }
                        if (lines.size() == LINES_PER_TASK || (line == null && !lines.isEmpty())) {
                            List<JsonlReader.Line> batch = List.copyOf(lines);
                            lines.clear();
                            ordered.add(pool.submit(() -> {
                                Tally part = new Tally();
                                List<PreferenceSample> samples = new ArrayList<>(batch.size());
                                for (JsonlReader.Line l : batch) {
                                    mapping.line(l, part, samples::add);
                                }
                                return new Done<>(part, measure.start(samples));
                            }));
                        }
                        if (line == null) {
                            break;
                        }
                    }
                }
            } else {
                List<PreferenceSample> chunk = new ArrayList<>(SAMPLES_PER_TASK);
                Runnable flush = () -> {
                    List<PreferenceSample> batch = List.copyOf(chunk);
                    chunk.clear();
                    ordered.add(pool.submit(() -> new Done<>(null, measure.start(batch))));
                };
                RecordStream.read(file, d.shape(), mapping.sink(tally, s -> {
                    chunk.add(s);
                    if (chunk.size() == SAMPLES_PER_TASK) {
                        flush.run();
                    }
                }));
                if (!chunk.isEmpty()) {
                    flush.run();
                }
            }
            ordered.drain(0);
        } finally {
            pool.shutdownNow();
        }
        return tally.summary(d);
    }

    /** A finished worker task: what its records counted (JSONL) and the rest of the measurement. */
    private record Done<T>(Tally part, Supplier<List<T>> results) {
    }

    /** Worker tasks in file order; at most {@code window} in flight. */
    private static final class Ordered<T> {
        private final Deque<Future<Done<T>>> inFlight = new ArrayDeque<>();
        private final Tally tally;
        private final Consumer<T> sink;
        private final int window;

        Ordered(Tally tally, Consumer<T> sink, int window) {
            this.tally = tally;
            this.sink = sink;
            this.window = window;
        }

        void add(Future<Done<T>> task) {
            inFlight.add(task);
            drain(window);
        }

        void drain(int keep) {
            while (inFlight.size() > keep) {
                Done<T> done = join(inFlight.poll());
                if (done.part() != null) {
                    tally.merge(done.part());
                }
                done.results().get().forEach(sink);
            }
        }

        private static <T> T join(Future<T> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** How records of one detected file become pairs; stateless, so workers share it. */
    private static final class Mapping {
        private final String name;
        private final FormatLayouts.Layout layout;
        private final boolean flat;

        Mapping(Path file, Detection d, PairingMode pairing, long seed) {
            this.name = file.toString();
            this.layout = FormatLayouts.of(d.format(), pairing, seed);
            this.flat = d.shape() == RecordShape.JSONL
                    && (d.format() == SourceFormat.VAPR || d.format() == SourceFormat.LLAVA_NEXT);
        }

        /** Maps one JSONL line: the streaming fast path when it applies, else the tree reader. */
        void line(JsonlReader.Line line, Tally tally, Consumer<PreferenceSample> out) {
            if (flat) {
                PreferenceSample s = FlatRecordParser.parse(line.bytes(), line.number());
                if (s != null) {
                    tally.records++;
                    tally.samples++;
                    out.accept(s);
                    return;
                }
            }
            RecordStream.Sink sink = sink(tally, out);
            RawRecord rec;
            try {
                rec = RecordStream.parseLine(name, line, sink);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (rec != null) {
                sink.record(rec);
            }
        }

        RecordStream.Sink sink(Tally tally, Consumer<PreferenceSample> out) {
            FormatLayouts.Emitter emitter = new FormatLayouts.Emitter() {
                @Override
                public void sample(PreferenceSample s) {
                    tally.samples++;
                    out.accept(s);
                }

                @Override
                public void skip(String reason) {
                    tally.skipped.merge(reason, 1L, Long::sum);
                }
            };
            return new RecordStream.Sink() {
                @Override
                public void record(RawRecord rec) {
                    tally.records++;
                    try {
                        layout.map(rec, emitter);
                    } catch (FieldException e) {
                        String field = rec.key() == null ? e.field() : rec.key() + "." + e.field();
                        problem(new InputProblem(name, rec.index(), rec.byteOffset(), field, e.getMessage(), rec.lineBased()), false);
                    }
                }

                @Override
                public void problem(InputProblem p, boolean fatal) {
                    tally.problem(p, fatal);
                }
            };
        }
    }

    /** Counts of a whole file or of one worker task's lines. */
    private static final class Tally {
        long records;
        long samples;
        long problems;
        boolean stopped;
        final List<InputProblem> first = new ArrayList<>();
        final TreeMap<String, Long> skipped = new TreeMap<>();

        void problem(InputProblem p, boolean fatal) {
            problems++;
            if (first.size() < PROBLEMS_KEPT) {
                first.add(p);
            }
            stopped |= fatal;
        }

        /** Adds a later part of the file. */
        void merge(Tally later) {
            records += later.records;
            samples += later.samples;
            problems += later.problems;
            stopped |= later.stopped;
            for (InputProblem p : later.first) {
                if (first.size() < PROBLEMS_KEPT) {
                    first.add(p);
                }
            }
            later.skipped.forEach((k, v) -> skipped.merge(k, v, Long::sum));
        }

        ReadSummary summary(Detection d) {
            return new ReadSummary(d.format(), d.shape(), records, samples, problems, first, stopped, skipped);
        }
    }
}
