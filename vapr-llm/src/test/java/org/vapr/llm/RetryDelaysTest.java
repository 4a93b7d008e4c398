package org.vapr.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryDelaysTest {
    private final RetryDelays delays = new RetryDelays(Duration.ofSeconds(1), Duration.ofSeconds(8),
            RandomGenerator.of("L64X128MixRandom"), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void backoffDoublesWithEqualJitterUpToTheCap() {
        for (int i = 0; i < 200; i++) {
            assertThat(delays.after(1, null)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(delays.after(3, null)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
            assertThat(delays.after(10, null)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        }
    }

    @Test
    void jitterSpreadsTheDelays() {
        long distinct = java.util.stream.IntStream.range(0, 50).mapToObj(i -> delays.after(4, null)).distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void retryAfterIsAFloorAndMayExceedTheCap() {
        assertThat(delays.after(1, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
        assertThat(delays.after(1, Duration.ofSeconds(90))).isEqualTo(Duration.ofSeconds(90));
        assertThat(delays.after(4, Duration.ofMillis(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void parsesSecondsAndHttpDates() {
        assertThat(delays.parseRetryAfter("2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(delays.parseRetryAfter(" 0.25 ")).isEqualTo(Duration.ofMillis(250));
        assertThat(delays.parseRetryAfter("Thu, 01 Jan 2026 00:01:00 GMT")).isEqualTo(Duration.ofMinutes(1));
        assertThat(delays.parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(delays.parseRetryAfter("soon")).isNull();
        assertThat(delays.parseRetryAfter("-3")).isNull();
        assertThat(delays.parseRetryAfter(null)).isNull();
    }
}
