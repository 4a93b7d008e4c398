package org.vapr.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scaling chart: ticks at the sizes, written as people write them, intervals, levels and escaped names. */
class ChartsTest {

    @Test
    void sizesAreLabelledCompactlyUnlessThatWouldRound() {
        assertThat(Charts.compact(950)).isEqualTo("950");
        assertThat(Charts.compact(3000)).isEqualTo("3K");
        assertThat(Charts.compact(12_500)).isEqualTo("12.5K");
        assertThat(Charts.compact(1_500_000)).isEqualTo("1.5M");
        assertThat(Charts.compact(2149)).isEqualTo("2,149");
        assertThat(Charts.compact(1075)).isEqualTo("1,075");
    }

    @Test
    void anIntervalChartHasATickAtEverySizeAndALabelPerLevel() {
        Charts.IntervalSeries vapr = new Charts.IntervalSeries("VaPR <b>", new double[] {3000, 10_000, 30_000},
                new double[] {80, 82, 84}, new double[] {78, 80, 82}, new double[] {82, 84, 86}, 0);
        Charts.IntervalSeries povid = new Charts.IntervalSeries("POVID-style", new double[] {30_000}, new double[] {79},
                new double[] {Double.NaN}, new double[] {Double.NaN}, 1);
        String svg = Charts.intervalLines("s", "F1 vs size", "pairs", "F1 (%)", List.of(vapr, povid),
                List.of(new Charts.Level("SFT", 81, 79.5, 82.5, 2)), true, null);
        assertThat(svg).startsWith("<svg").contains(">3K<", ">10K<", ">30K<", ">SFT<", ">POVID-style<")
                .contains("VaPR &lt;b&gt;").doesNotContain("VaPR <b>");
        // no tick between the sizes on the log axis (e.g. 5,011.872)
        assertThat(svg).doesNotContainPattern(">[0-9],[0-9]{3}\\.[0-9]+<");
        assertThat(Charts.intervalLines("t", "linear", "pairs", "F1", List.of(vapr), List.of(), false, new double[] {0, 100}))
                .contains(">3K<", ">10K<", ">30K<");
    }

    @Test
    void seriesOfUnequalLengthsAreRefused() {
        assertThatThrownBy(() -> new Charts.IntervalSeries("x", new double[] {1, 2}, new double[] {1, 2},
                new double[] {1}, new double[] {1, 2}, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
    }
}
