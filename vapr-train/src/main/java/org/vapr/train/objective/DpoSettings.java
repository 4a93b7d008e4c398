package org.vapr.train.objective;

/**
 * The preference objective's settings.
 *
 * @param loss           the loss
 * @param beta           β (TRL default 0.1)
 * @param labelSmoothing ε for sigmoid (cDPO) and robust; 0 for none; must be below 0.5
 * @param simpoGamma     SimPO's target margin γ (default 0.5)
 * @param sftWeight      weight of the added SFT term (TRL {@code rpo_alpha}, LLaMA-Factory {@code pref_ftx}); 0 for none
 * @param conditionalWeight weight of mDPO's conditional preference term over the pairs with a contrast image:
 *                       {@code -log σ(β [(log π(c|m) − log π_ref(c|m)) − (log π(c|m') − log π_ref(c|m'))])}, the chosen
 *                       answer preferred on its image m over the contrast image m'; 0 for none
 * @param anchorWeight   weight of mDPO's anchored preference over every pair: {@code -log σ(β (log π(c|m) − log π_ref(c|m)))},
 *                       which keeps the chosen answer's reward positive (DPO may otherwise lower both answers); 0 for none
 */
public record DpoSettings(DpoLossType loss, double beta, double labelSmoothing, double simpoGamma, double sftWeight,
                          double conditionalWeight, double anchorWeight) {
    /** SimPO's default γ. */
    public static final double DEFAULT_SIMPO_GAMMA = 0.5;

    public DpoSettings {
        if (loss == null) {
            throw new IllegalArgumentException("DPO loss must be given");
        }
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("--beta must be a positive number, not " + beta);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
            throw new IllegalArgumentException("--label-smoothing must be in [0, 0.5), not " + labelSmoothing);
        }
        if (!(sftWeight >= 0) || !Double.isFinite(sftWeight)) {
            throw new IllegalArgumentException("--sft-weight must be zero or positive, not " + sftWeight);
        }
        if (!Double.isFinite(simpoGamma)) {
            throw new IllegalArgumentException("SimPO gamma must be finite");
        }
        if (!(conditionalWeight >= 0) || !Double.isFinite(conditionalWeight)) {
            throw new IllegalArgumentException("--conditional-weight must be zero or positive, not " + conditionalWeight);
        }
        if (!(anchorWeight >= 0) || !Double.isFinite(anchorWeight)) {
            throw new IllegalArgumentException("--anchor-weight must be zero or positive, not " + anchorWeight);
        }
        if (loss == DpoLossType.SIMPO && (anchorWeight > 0 || conditionalWeight > 0)) {
            throw new IllegalArgumentException("--anchor-weight and --conditional-weight compare with the reference model, "
                    + "which SimPO does not have");
        }
    }

    /** Settings without the anchored term. */
    public DpoSettings(DpoLossType loss, double beta, double labelSmoothing, double simpoGamma, double sftWeight,
                       double conditionalWeight) {
        this(loss, beta, labelSmoothing, simpoGamma, sftWeight, conditionalWeight, 0);
    }

    /** Settings without the conditional term. */
    public DpoSettings(DpoLossType loss, double beta, double labelSmoothing, double simpoGamma, double sftWeight) {
        this(loss, beta, labelSmoothing, simpoGamma, sftWeight, 0);
    }

    /** The paper's setting: sigmoid loss, β = 0.1, no smoothing, no SFT term. */
    public static DpoSettings paper() {
        return new DpoSettings(DpoLossType.SIGMOID, 0.1, 0, DEFAULT_SIMPO_GAMMA, 0);
    }
}
