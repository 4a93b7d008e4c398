package org.vapr.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.InputException;
import org.vapr.llm.ChatMessage;
import org.vapr.llm.ChatRequest;
import org.vapr.llm.ChatResult;

class CallJournalTest {
    @TempDir
    Path dir;

    private static final Map<String, String> FP = Map.of("model", "gpt-4o", "seed", "7");

    private static CallJournal.Entry entry(String key) {
        return new CallJournal.Entry(key, null, "{\"rejected\":\"" + key + "\"}", null, "stop", 10, 3);
    }

    @Test
    void entriesSurviveReopeningAndATornLastLineIsCutOff() throws Exception {
        Path f = dir.resolve(CallJournal.FILE_NAME);
        try (CallJournal j = CallJournal.open(f, FP, false)) {
            j.append(entry("a"));
            j.append(entry("b"));
        }
        Files.writeString(f, "{\"key\":\"c\",\"content\":\"half", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (CallJournal j = CallJournal.open(f, FP, false)) {
            assertThat(j.tornLinesRecovered()).isEqualTo(1);
            assertThat(j.size()).isEqualTo(2);
            assertThat(j.lookup("b")).contains(entry("b"));
            assertThat(j.lookup("c")).isEmpty();
            j.append(entry("c"));
        }
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(3)).contains("\"key\":\"c\"").doesNotContain("half");
        try (CallJournal j = CallJournal.open(f, FP, false)) {
            assertThat(j.tornLinesRecovered()).isZero();
            assertThat(j.size()).isEqualTo(3);
        }
    }

    @Test
    void aJournalOfAnotherConfigurationIsRefusedNamingTheChange() throws Exception {
        Path f = dir.resolve(CallJournal.FILE_NAME);
        try (CallJournal j = CallJournal.open(f, FP, false)) {
            j.append(entry("a"));
        }
        assertThatThrownBy(() -> CallJournal.open(f, Map.of("model", "gpt-4o-mini", "seed", "7"), false))
                .isInstanceOf(InputException.class)
                .hasMessage(f + ": was made with model gpt-4o, this run uses gpt-4o-mini; use a new --out or --restart");
        assertThatThrownBy(() -> CallJournal.open(f, Map.of("model", "x", "seed", "8", "size", "9"), false))
                .hasMessageContaining("was made with model gpt-4o, this run uses x (and 2 more changes: seed, size)");
        try (CallJournal j = CallJournal.open(f, Map.of("model", "gpt-4o-mini"), true)) {
            assertThat(j.size()).isZero();
        }
        assertThat(Files.readAllLines(f)).hasSize(1);
    }

    @Test
    void concurrentAppendsAreAllDurableAndAHeaderOnlyTornFileStartsOver() throws Exception {
        Path f = dir.resolve(CallJournal.FILE_NAME);
        try (CallJournal j = CallJournal.open(f, FP, false); ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fs = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String k = "k" + i;
                fs.add(ex.submit(() -> {
                    j.append(entry(k));
                    return null;
                }));
            }
            for (Future<?> fu : fs) {
                fu.get();
            }
        }
        try (CallJournal j = CallJournal.open(f, FP, false)) {
            assertThat(j.size()).isEqualTo(200);
        }
        Path g = dir.resolve("torn-header.jsonl");
        Files.writeString(g, "{\"kind\":\"vapr-call-jou");
        try (CallJournal j = CallJournal.open(g, FP, false)) {
            assertThat(j.size()).isZero();
        }
        assertThat(Files.readAllLines(g)).hasSize(1).first().asString().contains("\"fingerprint\"");
    }

    @Test
    void theJournaledCallerReplaysKnownKeysAndCallsForNewOnes() throws Exception {
        Path f = dir.resolve(CallJournal.FILE_NAME);
        int[] calls = {0};
        ChatRequest req = ChatRequest.of(ChatMessage.user("Chosen answer: two dogs"));
        try (CallJournal j = CallJournal.open(f, FP, false)) {
            JournaledChatCaller c = new JournaledChatCaller(j, (key, r) -> {
                calls[0]++;
                return new ChatResult("{\"rejected\":\"three dogs\"}", null, null, "stop", new ChatResult.Usage(12, 4), 1,
                        java.time.Duration.ofMillis(5));
            });
            c.call("edit/a#0/attempt-1", req);
            assertThat(c.callsMade()).isEqualTo(1);
        }
        try (CallJournal j = CallJournal.open(f, FP, false)) {
            JournaledChatCaller c = new JournaledChatCaller(j, (key, r) -> {
                throw new AssertionError("no call expected for " + key);
            });
            ChatResult r = c.call("edit/a#0/attempt-1", req);
            assertThat(r.json().path("rejected").asText()).isEqualTo("three dogs");
            assertThat(r.usage()).isEqualTo(new ChatResult.Usage(12, 4));
            assertThat(c.callsReplayed()).isEqualTo(1);
            assertThat(c.callsMade()).isZero();
        }
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void withManyCallsInFlightEachAppendIsStillOnDiskWhenItReturns() throws Exception {
        Path f = dir.resolve(CallJournal.FILE_NAME);
        try (CallJournal j = CallJournal.open(f, FP, false)) {
            for (int i = 0; i < CallJournal.GROUP_MIN_IN_FLIGHT + 2; i++) {
                j.callStarted(); // calls that never end: the writer may wait for them, but only for a window
            }
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Boolean>> durable = new java.util.ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    String key = "k" + i;
                    durable.add(pool.submit(() -> {
                        j.append(entry(key));
                        return Files.readString(f).contains("\"key\":\"" + key + "\"");
                    }));
                }
                for (Future<Boolean> d : durable) {
                    assertThat(d.get()).isTrue();
                }
            }
            j.append(entry("last"));
            assertThat(Files.readString(f)).contains("\"key\":\"last\"");
        }
        try (CallJournal j = CallJournal.open(f, FP, false)) {
            assertThat(j.size()).isEqualTo(41);
        }
    }
}
