package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vapr.pipeline.run.EditProgress;

/** The edit progress bar's message and the progress kept for the summary. */
class ProgressDisplayTest {

    @Test
    void theMessageCarriesEtaCallsReplayedAndCost() {
        EditProgress p = new EditProgress(1200, 30000, 49.8, 3725.4, 1250, 300, 500_000, 40_000, 0.4123);
        assertThat(ProgressDisplay.message(p)).isEqualTo("ETA 1:02:05 calls 1,250 (+300 replayed) $0.41");
        EditProgress unpriced = new EditProgress(0, 10, 0, Double.NaN, 0, 0, 0, 0, Double.NaN);
        assertThat(ProgressDisplay.message(unpriced)).isEqualTo("calls 0");
    }

    @Test
    void aQuietDisplayShowsNothingButKeepsTheLastEditProgress() {
        try (ProgressDisplay d = ProgressDisplay.open("build", "records", -1, true)) {
            assertThat(d.lastEdit()).isNull();
            EditProgress p = new EditProgress(5, 10, 1, 5, 6, 0, 100, 10, Double.NaN);
            d.stepTo(3);
            d.edit(p);
            assertThat(d.lastEdit()).isEqualTo(p);
        }
    }
}
