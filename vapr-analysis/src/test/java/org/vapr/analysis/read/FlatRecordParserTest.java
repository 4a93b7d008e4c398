package org.vapr.analysis.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.analysis.ParallelDeterminismTest;
import org.vapr.analysis.PreferenceSample;
import org.vapr.core.InputProblem;

/** The streaming fast path of the flat layouts gives exactly what the tree reader gives, problems included. */
class FlatRecordParserTest {
    @TempDir
    Path tmp;

    @Test
    void sameSamplesAndProblemsAsTheTreeReader() throws IOException {
        Path f = tmp.resolve("pairs.jsonl");
        Files.writeString(f, ParallelDeterminismTest.mixedPairs());
        for (SourceFormat format : new SourceFormat[]{SourceFormat.VAPR, SourceFormat.LLAVA_NEXT}) {
            List<PreferenceSample> fast = new ArrayList<>();
            ReadSummary s = SampleReader.read(f, format, PairingMode.ALL, 1, fast::add);

            List<PreferenceSample> tree = new ArrayList<>();
            List<InputProblem> problems = new ArrayList<>();
            long[] records = {0};
            FormatLayouts.Layout layout = FormatLayouts.of(format, PairingMode.ALL, 1);
            RecordStream.read(f, RecordShape.JSONL, new RecordStream.Sink() {
                @Override
                public void record(RawRecord rec) {
                    records[0]++;
                    try {
                        layout.map(rec, new FormatLayouts.Emitter() {
                            @Override
                            public void sample(PreferenceSample p) {
                                tree.add(p);
                            }

                            @Override
                            public void skip(String reason) {
                            }
                        });
                    } catch (FieldException e) {
                        problems.add(new InputProblem(f.toString(), rec.index(), rec.byteOffset(), e.field(), e.getMessage(), true));
                    }
                }

                @Override
                public void problem(InputProblem p, boolean fatal) {
                    problems.add(p);
                }
            });
            assertThat(fast).isEqualTo(tree);
            assertThat(s.records()).isEqualTo(records[0]);
            assertThat(s.problems()).isEqualTo(problems.size());
            assertThat(s.firstProblems()).isEqualTo(problems.subList(0, SampleReader.PROBLEMS_KEPT));
        }
    }

    @Test
    void plainLinesTakeTheFastPathAndOthersFallBack() {
        assertThat(FlatRecordParser.parse("{\"prompt\":\"q\",\"chosen\":\"a\",\"rejected\":\"b\",\"x\":{\"y\":[1]}}".getBytes(), 4))
                .isEqualTo(new PreferenceSample("4", "q", "a", "b", null, List.of()));
        assertThat(FlatRecordParser.parse("{\"id\":3,\"prompt\":\"q\",\"chosen\":\"a\",\"rejected\":\"b\"}".getBytes(), 1)).isNull();
        assertThat(FlatRecordParser.parse("{\"prompt\":\"q\",\"chosen\":\"a\",\"rejected\":\"b\"} x".getBytes(), 1)).isNull();
        assertThat(FlatRecordParser.parse("{\"prompt\":\"q\",\"chosen\":\"a\"".getBytes(), 1)).isNull();
    }
}
