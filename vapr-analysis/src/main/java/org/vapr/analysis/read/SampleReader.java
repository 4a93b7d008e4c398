package org.vapr.analysis.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.vapr.analysis.PreferenceSample;
import org.vapr.core.InputProblem;

/**
 * Reads any supported preference dataset into {@link PreferenceSample}s, streaming record by record. A bad record
 * is one {@link InputProblem} (file, record or line, byte offset, field); it is counted and the others are read.
 */
public final class SampleReader {
    /** How many problems a {@link ReadSummary} keeps verbatim. */
    public static final int PROBLEMS_KEPT = 20;

    private SampleReader() {
    }

    /**
     * Reads {@code file} in {@code format} ({@link SourceFormat#AUTO} detects it), handing every pair to
     * {@code sink} in file order.
     */
    public static ReadSummary read(Path file, SourceFormat format, PairingMode pairing, long seed,
                                   Consumer<PreferenceSample> sink) throws IOException {
        Detection d = FormatDetector.detect(file, format);
        FormatLayouts.Layout layout = FormatLayouts.of(d.format(), pairing, seed);
        String name = file.toString();
        long[] counts = new long[3]; // records, samples, problems
        boolean[] stopped = {false};
        List<InputProblem> first = new ArrayList<>();
        TreeMap<String, Long> skipped = new TreeMap<>();
        FormatLayouts.Emitter emitter = new FormatLayouts.Emitter() {
            @Override
            public void sample(PreferenceSample s) {
                counts[1]++;
                sink.accept(s);
            }

            @Override
            public void skip(String reason) {
                skipped.merge(reason, 1L, Long::sum);
            }
        };
        RecordStream.read(file, d.shape(), new RecordStream.Sink() {
            @Override
            public void record(RawRecord rec) {
                counts[0]++;
                try {
                    layout.map(rec, emitter);
                } catch (FieldException e) {
                    String field = rec.key() == null ? e.field() : rec.key() + "." + e.field();
                    problem(new InputProblem(name, rec.index(), rec.byteOffset(), field, e.getMessage(), rec.lineBased()), false);
                }
            }

            @Override
            public void problem(InputProblem p, boolean fatal) {
                counts[2]++;
                if (first.size() < PROBLEMS_KEPT) {
                    first.add(p);
                }
                stopped[0] |= fatal;
            }
        });
        return new ReadSummary(d.format(), d.shape(), counts[0], counts[1], counts[2], first, stopped[0], skipped);
    }
}
