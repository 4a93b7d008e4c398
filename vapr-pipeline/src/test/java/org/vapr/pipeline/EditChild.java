package org.vapr.pipeline;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.vapr.llm.ChatClient;
import org.vapr.llm.ChatSettings;
import org.vapr.llm.Resilience;

/**
 * A build in a child JVM, for the kill-and-resume and secrets tests: {@code EditChild INPUT OUT BASE_URL
 * CONCURRENCY}; the key comes from {@code OPENAI_API_KEY}; progress lines go to stdout.
 */
public final class EditChild {
    private EditChild() {
    }

    public static void main(String[] args) throws Exception {
        ChatSettings settings = ChatSettings.fromEnvironment(System.getenv(), args[2], "loopback-edit");
        try (ChatClient client = new ChatClient(settings, Resilience.defaults().withMaxAttempts(2).withDelayScale(0))) {
            BuildReport r = build(Path.of(args[0]), Path.of(args[1]), new LoopbackEditor(client),
                    Integer.parseInt(args[3])).optEditProgress(p -> System.out.println(p.toLine()))
                    .build().run();
            System.out.println("done: " + r.pairs() + " pairs, settings " + settings);
        }
    }

    /** The build both the child and the in-process reference runs use. */
    static BuildPipeline.Builder build(Path input, Path out, LoopbackEditor editor, int concurrency) {
        return BuildPipeline.builder().setInput(input).setOut(out).optSize(120).optSeed(7).optEditor(editor)
                .optConcurrency(concurrency).optPenaltyLag(8).optPrice((p, c) -> (p * 2.5 + c * 10) / 1e6)
                .optClock(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
    }
}
