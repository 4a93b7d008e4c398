package org.vapr.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vapr.eval.score.Bootstrap;
import org.vapr.eval.score.Interval;
import org.vapr.eval.score.PairedDifference;
import org.vapr.eval.score.ScoredItem;

class BootstrapTest {

    /** n POPE-style items of one split whose answers are right with probability {@code p}. */
    private static List<List<ScoredItem>> pope(int n, double p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<List<ScoredItem>> units = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String gold = i % 2 == 0 ? "yes" : "no";
            boolean right = r.nextDouble() < p;
            String parsed = right ? gold : (gold.equals("yes") ? "no" : "yes");
            units.add(List.of(new ScoredItem(String.valueOf(i), "random", null, null, "random", null, gold, parsed, parsed, right, false)));
        }
        return units;
    }

    @Test
    void sameSeedSameIntervalsAndThePointEstimateInside() {
        var units = pope(400, 0.8, 1);
        var def = Benchmark.POPE.scores();
        Map<String, Interval> a = Bootstrap.of(300, 7).intervals(units, def);
        Map<String, Interval> b = Bootstrap.of(300, 7).intervals(units, def);
        Map<String, Interval> c = Bootstrap.of(300, 8).intervals(units, def);
        assertThat(a).isEqualTo(b);
        assertThat(a.get("random/accuracy")).isNotEqualTo(c.get("random/accuracy"));
        Map<String, Double> point = def.compute(units);
        point.forEach((k, v) -> assertThat(a.get(k).contains(v)).as(k + " " + v + " in " + a.get(k)).isTrue());
        Interval acc = a.get("random/accuracy");
        // binomial standard error sqrt(.8·.2/400) = 0.02: a 95% interval is about ±0.04 wide
        assertThat(acc.high() - acc.low()).isBetween(0.05, 0.11);
    }

    @Test
    void pairedBootstrapFindsARealDifferenceAndNoneBetweenEqualFiles() {
        var def = Benchmark.POPE.scores();
        var weak = pope(400, 0.6, 1);
        var strong = pope(400, 0.9, 2);
        PairedDifference d = Bootstrap.of(500, 3).paired(weak, strong, def).get("random/accuracy");
        assertThat(d.difference()).isGreaterThan(0.2);
        assertThat(d.interval().low()).isGreaterThan(0);
        assertThat(d.pValue()).isLessThan(0.01);
        PairedDifference same = Bootstrap.of(500, 3).paired(weak, weak, def).get("random/accuracy");
        assertThat(same.difference()).isZero();
        assertThat(same.pValue()).isEqualTo(1.0);
    }

    @Test
    void naturalBenchResamplesWholeGroups() {
        var data = List.of(Fixtures.path("naturalbench/naturalbench.jsonl"));
        var preds = List.of(Fixtures.path("naturalbench/answers.jsonl"));
        ScoredRun run = BenchmarkScoring.score(Benchmark.NATURALBENCH, data, preds, org.vapr.eval.parse.PopeParser.OFFICIAL);
        Map<String, Interval> ci = Bootstrap.of(2000, 5).intervals(run.units(), Benchmark.NATURALBENCH.scores());
        // G-Acc of a resample of 3 groups (1 perfect) is k/3: the interval's ends are multiples of 1/3
        assertThat(ci.get("g_acc").low()).isEqualTo(0.0);
        assertThat(ci.get("g_acc").high()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(ci.get("acc").contains(0.75)).isTrue();
    }
}
