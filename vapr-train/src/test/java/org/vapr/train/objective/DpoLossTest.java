package org.vapr.train.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Every loss on known log-probabilities against values computed by hand (Python, math module): policy chosen −10,
 * rejected −12, reference chosen −11, rejected −11.5, 5 and 6 tokens, β 0.1, so Δ = 1.5 and βΔ = 0.15.
 */
class DpoLossTest {
    static final double PC = -10, PR = -12, RC = -11, RR = -11.5;
    static final int NC = 5, NR = 6;

    @ParameterizedTest(name = "{0} ε={1}")
    @CsvSource({
        "sigmoid, 0.0, 0.6209570477895321",   // −logσ(0.15)
        "sigmoid, 0.1, 0.6359570477895321",   // cDPO: −0.9·logσ(0.15) − 0.1·logσ(−0.15)
        "robust,  0.1, 0.602207047789532",    // [−0.9·logσ(0.15) + 0.1·logσ(−0.15)] / 0.8
        "robust,  0.0, 0.6209570477895321",
        "hinge,   0.0, 0.85",                 // relu(1 − 0.15)
        "ipo,     0.0, 22.246944444444445",   // (1/5 − (−0.5)/6 − 5)²
        "simpo,   0.0, 0.9740769841801067",   // −logσ(0.1·(−2 − (−2)) − 0.5)
        "sft,     0.0, 0.0",
    })
    void lossMatchesTheHandComputedValueOnArraysAndDoubles(String type, double eps, double expected) {
        DpoLoss loss = new DpoLoss(new DpoSettings(DpoLossType.parse(type), 0.1, eps, 0.5, 0));
        assertThat(loss.perPair(PC, PR, RC, RR, NC, NR)).isCloseTo(expected, within(1e-12));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = loss.perPair(m.create(new float[] {(float) PC}), m.create(new float[] {(float) PR}),
                    m.create(new float[] {(float) RC}), m.create(new float[] {(float) RR}), m.create(new float[] {NC}),
                    m.create(new float[] {NR}));
            assertThat((double) out.getFloat(0)).isCloseTo(expected, within(2e-5 * Math.max(1, expected)));
        }
    }

    @Test
    void logSigmoidIsStableFarFromZero() {
        assertThat(DpoLoss.logSigmoid(-800)).isEqualTo(-800.0);
        assertThat(DpoLoss.logSigmoid(800)).isEqualTo(-0.0);
        DpoLoss loss = new DpoLoss(DpoSettings.paper());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = loss.perPair(m.create(new float[] {0, 0}), m.create(new float[] {-4000, 4000}),
                    m.create(new float[] {0, 0}), m.create(new float[] {0, 0}), m.create(new float[] {1, 1}),
                    m.create(new float[] {1, 1}));
            assertThat(out.toFloatArray()).containsExactly(0f, 400f);
        }
    }

    @Test
    void sigmoidGradientIsMinusBetaTimesSigmoidOfMinusBetaDelta() {
        // d/dpc of −logσ(βΔ) = −β·σ(−βΔ) = −0.1·σ(−0.15)
        DpoLoss loss = new DpoLoss(DpoSettings.paper());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray pc = m.create(new float[] {(float) PC});
            pc.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                c.backward(loss.perPair(pc, m.create(new float[] {(float) PR}), m.create(new float[] {(float) RC}),
                        m.create(new float[] {(float) RR}), m.create(new float[] {NC}), m.create(new float[] {NR})).sum());
            }
            assertThat((double) pc.getGradient().getFloat(0)).isCloseTo(-0.1 / (1 + Math.exp(0.15)), within(1e-6));
        }
    }

    @Test
    void theConditionalTermIsBlindToAShiftOfTheAnswerPriorButNotToTheImage() {
        DpoLoss loss = new DpoLoss(new DpoSettings(DpoLossType.SIGMOID, 0.1, 0, 0.5, 0, 1.0));
        // chosen on its image: −5 (ref −6); on the contrast image: −7 (ref −6): β·[(1) − (−1)] = 0.2
        double expected = -DpoLoss.logSigmoid(0.2);
        assertThat(loss.conditional(-5, -6, -7, -6)).isCloseTo(expected, within(1e-12));
        // the answer made 3 nats likelier on both images (a prior shift): unchanged
        assertThat(loss.conditional(-2, -6, -4, -6)).isCloseTo(expected, within(1e-12));
        // likelier on the contrast image than on its own: above log 2
        assertThat(loss.conditional(-7, -6, -5, -6)).isGreaterThan(Math.log(2));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = loss.conditional(m.create(new float[] {-5, -2}), m.create(new float[] {-6, -6}),
                    m.create(new float[] {-7, -4}), m.create(new float[] {-6, -6}));
            assertThat((double) out.getFloat(0)).isCloseTo(expected, within(1e-6));
            assertThat((double) out.getFloat(1)).isCloseTo(expected, within(1e-6));
        }
        assertThatThrownBy(() -> new DpoSettings(DpoLossType.SIGMOID, 0.1, 0, 0.5, 0, -1)).hasMessageContaining("--conditional-weight");
    }

    @Test
    void theAnchoredTermRewardsTheChosenAnswerRisingAboveTheReference() {
        DpoLoss loss = new DpoLoss(new DpoSettings(DpoLossType.SIGMOID, 0.5, 0, 0.5, 0, 0, 1.0));
        assertThat(loss.anchor(-6, -6)).isCloseTo(Math.log(2), within(1e-12));
        // chosen 2 nats likelier than under the reference: −log σ(0.5 · 2)
        assertThat(loss.anchor(-4, -6)).isCloseTo(-DpoLoss.logSigmoid(1.0), within(1e-12));
        // DPO can be satisfied while the chosen answer falls (both answers lower); the anchor cannot
        assertThat(loss.anchor(-8, -6)).isGreaterThan(Math.log(2));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = loss.anchor(m.create(new float[] {-4, -8}), m.create(new float[] {-6, -6}));
            assertThat((double) out.getFloat(0)).isCloseTo(loss.anchor(-4, -6), within(1e-6));
            assertThat((double) out.getFloat(1)).isCloseTo(loss.anchor(-8, -6), within(1e-6));
        }
        assertThatThrownBy(() -> new DpoSettings(DpoLossType.SIGMOID, 0.1, 0, 0.5, 0, 0, -1)).hasMessageContaining("--anchor-weight");
        assertThatThrownBy(() -> new DpoSettings(DpoLossType.SIMPO, 2.0, 0, 0.5, 0, 0, 1)).hasMessageContaining("SimPO");
    }

    @Test
    void sftWeightAddsOneForTheSftLoss() {
        assertThat(new DpoLoss(new DpoSettings(DpoLossType.SFT, 0.1, 0, 0.5, 0)).sftWeight()).isEqualTo(1.0);
        assertThat(new DpoLoss(new DpoSettings(DpoLossType.SIGMOID, 0.1, 0, 0.5, 0.25)).sftWeight()).isEqualTo(0.25);
    }

    @Test
    void settingsRejectBadValuesWithTheOptionName() {
        assertThatThrownBy(() -> new DpoSettings(DpoLossType.SIGMOID, 0, 0, 0.5, 0)).hasMessageContaining("--beta");
        assertThatThrownBy(() -> new DpoSettings(DpoLossType.ROBUST, 0.1, 0.5, 0.5, 0)).hasMessageContaining("--label-smoothing");
        assertThatThrownBy(() -> DpoLossType.parse("kto")).hasMessageContaining("unknown DPO loss 'kto'");
    }
}
