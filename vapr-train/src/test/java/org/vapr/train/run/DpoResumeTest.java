package org.vapr.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.train.loop.TrainingListener;
import org.vapr.train.loop.TrainingLoop;

/** Resuming a DPO run of the real world model from a checkpoint gives the same metrics and dump (three short runs). */
class DpoResumeTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void sft() throws IOException {
        RunsTest.tmp = tmp;
        RunsTest.sft();
    }

    static DpoRun dpo(Path out, Path dump, int checkpointEvery, boolean resume, List<TrainingListener> extra) {
        return RunsTest.dpo(out, dump, 2, checkpointEvery, resume, extra);
    }

    @Test
    void resumedDpoRunGivesByteIdenticalMetricsAndReusesTheReference() throws IOException {
        Path full = tmp.resolve("dpo-full");
        dpo(full, full.resolve("dump.jsonl"), 1, false, List.of()).run();
        Path out = tmp.resolve("dpo-resumed");
        TrainingListener crash = new TrainingListener() {
            @Override
            public void afterStep(TrainingLoop loop, long step) {
                if (step == 1) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThatThrownBy(() -> dpo(out, out.resolve("dump.jsonl"), 1, false, List.of(crash)).run())
                .hasMessage("simulated crash");
        DpoRun.Result r = dpo(out, out.resolve("dump.jsonl"), 1, true, List.of()).run();
        assertThat(r.referenceReused()).isTrue();
        assertThat(Files.readString(out.resolve("metrics.jsonl"))).isEqualTo(Files.readString(full.resolve("metrics.jsonl")));
        assertThat(Files.readString(out.resolve("dump.jsonl"))).isEqualTo(Files.readString(full.resolve("dump.jsonl")));
    }

}
