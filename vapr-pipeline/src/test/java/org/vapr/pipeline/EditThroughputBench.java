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
import org.vapr.llm.ChatEvents;
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

    @SuppressWarnings("unchecked")
    private static Map<String, Long>[] newThreadCpuArray() {
        return new Map[3];
    }

    /**
     * CPU time (user + system, ms) of this process's live threads grouped by kind, from /proc/self/task (Linux;
     * empty elsewhere). Threads that ended in between are missing from the breakdown.
     */
    static Map<String, Long> threadCpuMillis() {
        Map<String, Long> out = new java.util.TreeMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return out;
        }
        long tick = 10; // USER_HZ is 100 on Linux
        try (var dirs = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) dirs::iterator) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (java.io.IOException gone) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String comm = stat.substring(open + 1, close);
                String[] f = stat.substring(close + 2).split(" ");
                long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * tick;
                out.merge(threadKind(comm), ms, Long::sum);
            }
        } catch (java.io.IOException e) {
            return out;
        }
        return out;
    }

    private static String threadKind(String comm) {
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (comm.startsWith("ForkJoinPool-1-")) {
            return "carriers";
        }
        if (comm.startsWith("vapr-llm-deadl")) {
            return "deadlines";
        }
        if (comm.startsWith("HttpClient")) {
            return "http-selector";
        }
        if (comm.startsWith("GC ") || comm.startsWith("G1 ") || comm.equals("VM Thread")) {
            return "gc+vm";
        }
        if (comm.startsWith("call-journal")) {
            return "journal";
        }
        if (comm.equals("main") || comm.equals("java")) {
            return "main";
        }
        return "other";
    }

    private static String threadBreakdown(Map<String, Long> from, Map<String, Long> to, long requests) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : to.entrySet()) {
            long ms = e.getValue() - from.getOrDefault(e.getKey(), 0L);
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append(' ').append(String.format(java.util.Locale.ROOT, "%.3f",
                    (double) ms / Math.max(1, requests)));
        }
        return sb.toString();
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
        Map<String, Long>[] threadCpu = newThreadCpuArray();
        long[] threadCalls = {0};
        long cpu0 = os.getProcessCpuTime();
        BuildReport report;
        // retries by the second they were decided in, counted from the client's start (429s show where the
        // client's bursts met the server's sliding-minute cap)
        long clientStart = System.nanoTime();
        Map<Long, Integer> retrySeconds = new java.util.concurrent.ConcurrentSkipListMap<>();
        ChatEvents retries = (attempt, reason, delay) ->
                retrySeconds.merge((System.nanoTime() - clientStart) / 1_000_000_000L, 1, Integer::sum);
        try (ChatClient client = new ChatClient(settings, resilience, retries,
                java.util.random.RandomGenerator.of("L64X128MixRandom"), java.time.Clock.systemUTC())) {
            report = BuildPipeline.builder().setInput(corpus).setOut(out.resolve("vapr")).optSize(edits).optSeed(42)
                    .optEditor(new LoopbackEditor(client, 1)).optConcurrency(concurrency).optRestart(true)
                    .optPrice((p, c) -> (p * 2.5 + c * 10.0) / 1e6)
                    .optEditProgress(p -> {
                        long[] mark = {System.nanoTime(), os.getProcessCpuTime(), p.callsMade()};
                        if (marks[0] == null) {
                            marks[0] = mark;
                            threadCpu[2] = threadCpuMillis();
                        }
                        marks[1] = mark;
                        if (marks[2] == null && p.callsMade() >= warm) {
                            marks[2] = mark;
                            threadCpu[0] = threadCpuMillis();
                        }
                        // the journal writer ends with the stage: take the last look shortly before
                        if (threadCpu[1] == null && p.done() >= p.total() * 0.98) {
                            threadCpu[1] = threadCpuMillis();
                            threadCalls[0] = p.callsMade();
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
            if (threadCpu[0] != null && threadCpu[1] != null) {
                System.out.println("  by thread (ms per request from call " + marks[2][2] + " to " + threadCalls[0]
                        + "): " + threadBreakdown(threadCpu[0], threadCpu[1], threadCalls[0] - marks[2][2]));
            }
        }
        System.out.printf(java.util.Locale.ROOT, "client CPU: %.3f ms per request in the edit stage; %.1f s for the "
                + "whole build (%.3f ms per request, corpus reading and sampling included; JVM start excluded)%n",
                cpuPerReq, cpuAll / 1e9, cpuAll / 1e6 / Math.max(1, p.callsMade()));
        if (!retrySeconds.isEmpty()) {
            System.out.println("retries (second of the run: count): " + retrySeconds);
        }
        if (threadCpu[2] != null && threadCpu[1] != null) {
            System.out.println("  by thread (ms per request in the edit stage up to call " + threadCalls[0] + "): "
                    + threadBreakdown(threadCpu[2], threadCpu[1], threadCalls[0] - marks[0][2]));
        }
    }
}
