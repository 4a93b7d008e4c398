package org.vapr.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.analysis.report.ReportJson;

/** The JSON report is the same bytes whatever the thread count, bad lines and the streaming fast path included. */
public class ParallelDeterminismTest {
    @TempDir
    Path tmp;

    /** 3,000 lines (several worker tasks), with malformed and unusual records spread over the whole file. */
    public static String mixedPairs() {
        StringBuilder b = new StringBuilder("\uFEFF");
        String[] cats = {"counting", "color", "captioning", "spatial"};
        for (int i = 0; i < 3000; i++) {
            String chosen = "There are " + (i % 7) + " red cubes near the " + (i % 2 == 0 ? "tree" : "wall") + ".";
            String rejected = i % 5 == 0 ? chosen.toUpperCase() : "There are " + (i % 7 + 1) + " red cubes near the lamp post " + (i % 3) + ".";
            String line = switch (i % 97) {
                case 3 -> "{\"id\":\"" + i + "\",\"prompt\":\"q\",\"chosen\":\"" + chosen + "\"";               // malformed
                case 11 -> "[1,2,3]";                                                                           // not an object
                case 17 -> "{\"id\":\"" + i + "\",\"prompt\":\"q\",\"chosen\":\"" + chosen + "\"}";            // rejected missing
                case 23 -> "{\"id\":" + i + ",\"prompt\":\"q\",\"chosen\":\"" + chosen + "\",\"rejected\":\"" + rejected + "\"}";
                case 29 -> "{\"prompt\":\"q\",\"chosen\":\"" + chosen + "\",\"rejected\":7,\"category\":\"color\"}";
                case 31 -> "{\"id\":\"" + i + "\",\"prompt\":\"q\",\"category\":null,\"chosen\":\"caf\\u00e9 \\\"x\\\" \\ud83d\\ude00 ok\",\"rejected\":\"cafe x ok\",\"image\":[\"a.png\",{\"path\":\"b.png\"}]}";
                case 37 -> "{\"id\":\"" + i + "\",\"prompt\":\"q\",\"chosen\":\"a\",\"rejected\":\"b\",\"chosen\":\"" + chosen + "\",\"category\":\"color\"}";
                case 41 -> "{\"id\":\"" + i + "\",\"prompt\":\"q\",\"chosen\":\"" + chosen + "\",\"rejected\":\"" + rejected + "\"} trailing";
                case 43 -> "   ";
                case 47 -> "{\"id\":\"" + i + "\",\"prompt\":\"q\",\"chosen\":\"" + chosen + "\",\"rejected\":\"" + rejected + "\",\"image\":5}";
                default -> "{\"id\":\"" + i + "\",\"source_id\":\"s\",\"turn\":0,\"image\":\"i.png\",\"category\":\"" + cats[i % 4]
                        + "\",\"prompt\":\"q\",\"chosen\":\"" + chosen + "\",\"rejected\":\"" + rejected
                        + "\",\"edit\":{\"spans\":[{\"from\":1,\"to\":2}],\"attempts\":1}}";
            };
            b.append(line).append(i % 13 == 0 ? "\r\n" : "\n");
        }
        return b.toString();
    }

    private byte[] jsonBytes(Path input, int threads) throws IOException {
        BiasReport r = BiasAnalysis.analyze(input, AnalysisSettings.defaults().withThreads(threads));
        Path out = tmp.resolve("report-" + threads + ".json");
        ReportJson.write(out, ReportJson.of(r));
        return Files.readAllBytes(out);
    }

    @Test
    void jsonBytesDoNotDependOnThreadCount() throws IOException {
        Path f = tmp.resolve("pairs.jsonl");
        Files.writeString(f, mixedPairs());
        byte[] one = jsonBytes(f, 1);
        assertThat(jsonBytes(f, 2)).isEqualTo(one);
        assertThat(jsonBytes(f, 3)).isEqualTo(one);
        BiasReport r = BiasAnalysis.analyze(f, AnalysisSettings.defaults().withThreads(2));
        assertThat(r.read().problems()).isGreaterThan(20);
        assertThat(r.read().firstProblems()).hasSize(20);
    }

    @Test
    void jsonArrayBytesDoNotDependOnThreadCount() throws IOException {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < 1500; i++) {
            b.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\",\"prompt\":\"<image>\\nq\",\"chosen\":\"It has ")
                    .append(i % 9).append(" legs.\",\"rejected\":\"It has ").append(i % 4).append(" legs and a tail.\",\"image\":\"x.png\"}");
        }
        Path f = tmp.resolve("llava.json");
        Files.writeString(f, b.append("]").toString());
        assertThat(jsonBytes(f, 2)).isEqualTo(jsonBytes(f, 1));
    }
}
