package org.vapr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrderedParallelMapTest {

    private static OrderedParallelMap.Source<Integer> upTo(int n) {
        AtomicInteger next = new AtomicInteger();
        return () -> {
            int i = next.getAndIncrement();
            return i < n ? i : null;
        };
    }

    @Test
    void resultsArriveInInputOrderWhateverTheWorkerTiming() throws IOException {
        List<String> seen = new ArrayList<>();
        OrderedParallelMap.run(upTo(5_000), i -> {
            if (i % 7 == 0) {
                Thread.onSpinWait();
            }
            return "v" + (i * 2);
        }, (in, out) -> seen.add(in + "=" + out), 16, 4);
        assertThat(seen).hasSize(5_000);
        for (int i = 0; i < 5_000; i++) {
            assertThat(seen.get(i)).isEqualTo(i + "=v" + (i * 2));
        }
    }

    @Test
    void sourceErrorsReachTheCallerAfterTheItemsBeforeThem() {
        AtomicInteger next = new AtomicInteger();
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> OrderedParallelMap.run(() -> {
            int i = next.getAndIncrement();
            if (i == 100) {
                throw new IOException("disk on fire");
            }
            return i;
        }, i -> i, (in, out) -> seen.add(in), 10, 2)).isInstanceOf(IOException.class).hasMessage("disk on fire");
        assertThat(seen).hasSize(100);
    }

    @Test
    void sinkExceptionsStopTheRun() {
        assertThatThrownBy(() -> OrderedParallelMap.run(upTo(1_000_000), i -> i, (in, out) -> {
            if (in == 50) {
                throw new IllegalStateException("strict");
            }
        }, 8, 2)).isInstanceOf(IllegalStateException.class).hasMessage("strict");
    }

    @Test
    void mapperExceptionsReachTheCaller() {
        assertThatThrownBy(() -> OrderedParallelMap.run(upTo(100), i -> {
            if (i == 42) {
                throw new IllegalArgumentException("bad 42");
            }
            return i;
        }, (in, out) -> { }, 8, 2)).isInstanceOf(IllegalArgumentException.class).hasMessage("bad 42");
    }
}
