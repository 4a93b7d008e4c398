package org.vapr.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LaggedOrderedRunnerTest {

    @ParameterizedTest
    @CsvSource({"1,0", "1,5", "8,5", "32,5", "8,100"})
    void commitsInOrderAndEachContextSeesExactlyThePrefixBeforeTheLag(int concurrency, int lag) throws IOException {
        List<Integer> items = IntStream.range(0, 300).boxed().toList();
        List<Integer> committed = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        new LaggedOrderedRunner(concurrency, lag).run(items,
                (i, item) -> {
                    seen.add(committed.size());
                    return committed.size();
                },
                (i, item, ctx) -> {
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    LockSupport.parkNanos(new SplittableRandom(i).nextLong(200_000));
                    inFlight.decrementAndGet();
                    return item * 10;
                },
                (i, item, r) -> {
                    assertThat(r).isEqualTo(item * 10);
                    committed.add(item);
                });
        assertThat(committed).isEqualTo(items);
        for (int i = 0; i < items.size(); i++) {
            assertThat(seen.get(i)).as("context of item %d", i).isEqualTo(Math.max(0, i - lag));
        }
        assertThat(maxInFlight.get()).isLessThanOrEqualTo(Math.min(concurrency, lag + 1));
    }

    @Test
    void theFirstFailureInListOrderIsRethrownAfterTheItemsBeforeIt() {
        List<Integer> items = IntStream.range(0, 50).boxed().toList();
        List<Integer> committed = new ArrayList<>();
        assertThatThrownBy(() -> new LaggedOrderedRunner(8, 10).run(items, (i, item) -> null,
                (i, item, ctx) -> {
                    if (item == 20 || item == 23) {
                        throw new IOException("item " + item + " failed");
                    }
                    return item;
                },
                (i, item, r) -> committed.add(r))).isInstanceOf(IOException.class).hasMessage("item 20 failed");
        assertThat(committed).isEqualTo(IntStream.range(0, 20).boxed().toList());
    }
}
