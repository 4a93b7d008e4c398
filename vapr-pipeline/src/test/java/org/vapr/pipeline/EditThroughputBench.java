package org.vapr.pipeline;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vapr.llm.ChatClient;
import org.vapr.llm.ChatSettings;
import org.vapr.llm.Resilience;

/**
 * The edit-throughput benchmark's client (bench/llm-edit-throughput.sh): builds {@code --edits} pairs through
 * the journaled edit stage against a loopback server started separately, one chat call per pair, and prints
 * the sustained request rate as a share of {@code --rpm} and the client's CPU time per request.
 * Options: {@code --url URL --edits N --rpm N --concurrency N --out DIR}.
 */
public final class EditThroughputBench {
    private EditThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        int edits = 30_000;
        int rpm = 3000;
        int concurrency = 128;
        Path out = Path.of("bench/out/llm-edit-throughput");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--edits" -> edits = Integer.parseInt(args[i + 1]);
                case "--rpm" -> rpm = Integer.parseInt(args[i + 1]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(out);
        // about ten turns per record; twice what the sample needs so every category can be filled
        Path corpus = out.resolve("corpus.jsonl");
        if (!Files.exists(corpus)) {
            CorpusFixture.writeJsonl(corpus, CorpusFixture.jsonLines(CorpusFixture.records(edits / 5 + 100)));
        }
        ChatSettings settings = new ChatSettings(URI.create(url), "loopback-edit", () -> "sk-bench",
                Duration.ofSeconds(30), Map.of(), null, null);
        Resilience resilience = Resilience.defaults().withLimits(rpm, 0, concurrency);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] first = null;
        long[][] marks = new long[3][];
        int warm = edits / 5;
        org.vapr.pipeline.run.EditProgress[] last = new org.vapr.pipeline.run.EditProgress[1];
        int[] reports = {0};
        long cpu0 = os.getProcessCpuTime();
        BuildReport report;
        try (ChatClient client = new ChatClient(settings, resilience)) {
            report = BuildPipeline.builder().setInput(corpus).setOut(out.resolve("vapr")).optSize(edits).optSeed(42)
                    .optEditor(new LoopbackEditor(client, 1)).optConcurrency(concurrency).optRestart(true)
                    .optPrice((p, c) -> (p * 2.5 + c * 10.0) / 1e6)
                    .optEditProgress(p -> {
                        long[] mark = {System.nanoTime(), os.getProcessCpuTime(), p.callsMade()};
                        if (marks[0] == null) {
                            marks[0] = mark;
                        }
                        marks[1] = mark;
                        if (marks[2] == null && p.callsMade() >= warm) {
                            marks[2] = mark;
                        }
                        last[0] = p;
                        if (reports[0]++ % 40 == 0 || p.done() == p.total()) {
                            System.out.println(p.toLine());
                        }
                    })
                    .build().run();
        }
        long cpuAll = os.getProcessCpuTime() - cpu0;
        org.vapr.pipeline.run.EditProgress p = last[0];
        double stageRate = p.perSecond() * 60;
        double steadyRate = (marks[1][2] - marks[0][2]) / ((marks[1][0] - marks[0][0]) / 60e9);
        double cpuPerReq = (marks[1][1] - marks[0][1]) / 1e6 / Math.max(1, marks[1][2] - marks[0][2]);
        System.out.printf(java.util.Locale.ROOT, "sampled %d, pairs %d, chat calls %d (journal: fsync'd, one line per call)%n",
                report.sampled(), report.pairs(), p.callsMade());
        System.out.printf(java.util.Locale.ROOT, "edit stage: %.0f requests/min = %.1f%% of the %d RPM cap "
                + "(whole stage, 1 s ramp included); steady state %.0f/min = %.1f%%%n",
                stageRate, 100 * stageRate / rpm, rpm, steadyRate, 100 * steadyRate / rpm);
        if (marks[2] != null && marks[1][2] > marks[2][2]) {
            System.out.printf(java.util.Locale.ROOT, "client CPU after the first %d calls (JIT warm): %.3f ms per request "
                    + "at %.0f requests/min%n", marks[2][2],
                    (marks[1][1] - marks[2][1]) / 1e6 / (marks[1][2] - marks[2][2]),
                    (marks[1][2] - marks[2][2]) / ((marks[1][0] - marks[2][0]) / 60e9));
        }
        System.out.printf(java.util.Locale.ROOT, "client CPU: %.3f ms per request in the edit stage; %.1f s for the "
                + "whole build (%.3f ms per request, corpus reading and sampling included; JVM start excluded)%n",
                cpuPerReq, cpuAll / 1e9, cpuAll / 1e6 / Math.max(1, p.callsMade()));
    }
}
