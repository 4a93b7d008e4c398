package org.vapr.train.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** TRL's metric keys and values on three known pairs, one of them a tie (strict accuracy counts it 0). */
class PreferenceMetricsTest {
    // ρ_c, ρ_r: pair 1: (1, −0.5); pair 2: (0.5, 0.5) tie; pair 3: (−1, 1)
    static final PairLogProbs[] PAIRS = {
        new PairLogProbs(-10, -12, -11, -11.5, 5, 6),
        new PairLogProbs(-4.5, -7.5, -5, -8, 2, 3),
        new PairLogProbs(-3, -2, -2, -3, 1, 1),
    };

    @Test
    void everyTrlMetricMatchesTheHandComputedValue() {
        DpoLoss dpo = new DpoLoss(DpoSettings.paper());
        Map<String, Double> m = PreferenceMetrics.of(dpo, 0.7, PAIRS);
        assertThat(m.keySet()).containsExactly("loss", "rewards/chosen", "rewards/rejected", "rewards/accuracies",
                "rewards/margins", "logps/chosen", "logps/rejected");
        assertThat(m.get("loss")).isEqualTo(0.7);
        assertThat(m.get("rewards/chosen")).isCloseTo(0.1 * (1 + 0.5 - 1) / 3, within(1e-12));
        assertThat(m.get("rewards/rejected")).isCloseTo(0.1 * (-0.5 + 0.5 + 1) / 3, within(1e-12));
        assertThat(m.get("rewards/accuracies")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.get("rewards/margins")).isCloseTo(0.1 * (1.5 + 0 - 2) / 3, within(1e-12));
        assertThat(m.get("logps/chosen")).isCloseTo((-10 - 4.5 - 3) / 3, within(1e-12));
        assertThat(m.get("logps/rejected")).isCloseTo((-12 - 7.5 - 2) / 3, within(1e-12));
    }

    @Test
    void groupLossIsTheMeanPerPairLossPlusTheWeightedTokenCrossEntropy() {
        DpoLoss plain = new DpoLoss(DpoSettings.paper());
        double mean = (plain.perPair(-10, -12, -11, -11.5, 5, 6) + plain.perPair(-4.5, -7.5, -5, -8, 2, 3)
                + plain.perPair(-3, -2, -2, -3, 1, 1)) / 3;
        assertThat(PreferenceMetrics.loss(plain, PAIRS)).isCloseTo(mean, within(1e-12));
        DpoLoss rpo = new DpoLoss(new DpoSettings(DpoLossType.SIGMOID, 0.1, 0, 0.5, 0.5));
        assertThat(PreferenceMetrics.loss(rpo, PAIRS)).isCloseTo(mean + 0.5 * (17.5 / 8), within(1e-12));
    }

    @Test
    void simpoRewardsAreLengthNormalisedPolicyLogProbs() {
        DpoLoss simpo = new DpoLoss(new DpoSettings(DpoLossType.SIMPO, 2.0, 0, 0.5, 0));
        Map<String, Double> m = PreferenceMetrics.of(simpo, 0, new PairLogProbs[] {PAIRS[0]});
        assertThat(m.get("rewards/chosen")).isCloseTo(2.0 * -10 / 5, within(1e-12));
        assertThat(m.get("rewards/rejected")).isCloseTo(2.0 * -12 / 6, within(1e-12));
        assertThat(m.get("rewards/accuracies")).isZero(); // −4 vs −4: a tie
    }

    @Test
    void evalPrefixIsTrls() {
        assertThat(PreferenceMetrics.evalPrefixed(Map.of("rewards/margins", 1.0))).containsOnlyKeys("eval_rewards/margins");
    }
}
