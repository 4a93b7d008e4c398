package org.vapr.train.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The per-pair preference losses of {@code shared/REFERENCE.md}, on arrays (for training) and on doubles (the same
 * formulas, to recompute a run's numbers from its pair dump). With {@code ρ = logπθ − logπref}, {@code Δ = ρ_c − ρ_r},
 * ε the label smoothing and n the completion token counts:
 * <ul>
 *   <li>sigmoid: {@code −(1−ε)·logσ(βΔ) − ε·logσ(−βΔ)}</li>
 *   <li>ipo: {@code (ρ_c/n_c − ρ_r/n_r − 1/(2β))²}</li>
 *   <li>hinge: {@code relu(1 − βΔ)}</li>
 *   <li>robust: {@code [−(1−ε)·logσ(βΔ) + ε·logσ(−βΔ)] / (1−2ε)}</li>
 *   <li>simpo: {@code −logσ(β(lp_c/n_c − lp_r/n_r) − γ)} (no reference)</li>
 *   <li>sft: 0 per pair; the chosen answer's token cross-entropy is added with weight 1 (see {@link #sftWeight()})</li>
 * </ul>
 * Scalars enter the graph as arrays, never as {@code Number} arguments (a DJL gradient pitfall).
 */
public final class DpoLoss {
    private final DpoSettings settings;

    public DpoLoss(DpoSettings settings) {
        this.settings = settings;
    }

    public DpoSettings settings() {
        return settings;
    }

    /** The weight of the chosen answer's token cross-entropy in the total loss: the SFT weight, plus 1 for {@code sft}. */
    public double sftWeight() {
        return settings.sftWeight() + (settings.loss() == DpoLossType.SFT ? 1.0 : 0.0);
    }

    /**
     * Per-pair losses {@code [B]} without the SFT term. All arguments are {@code [B]} float32; the reference and count
     * arrays are constants.
     */
    public NDArray perPair(NDArray policyChosen, NDArray policyRejected, NDArray refChosen, NDArray refRejected,
                           NDArray chosenCount, NDArray rejectedCount) {
        NDManager m = policyChosen.getManager();
        double beta = settings.beta();
        double eps = settings.labelSmoothing();
        NDArray betaA = constant(m, beta);
        switch (settings.loss()) {
            case SIGMOID, ROBUST, HINGE -> {
                NDArray delta = policyChosen.sub(refChosen).sub(policyRejected.sub(refRejected));
                NDArray z = delta.mul(betaA);
                if (settings.loss() == DpoLossType.HINGE) {
                    return constant(m, 1).sub(z).getNDArrayInternal().relu();
                }
                NDArray pos = logSigmoid(z).mul(constant(m, -(1 - eps)));
                if (eps == 0) {
                    return pos; // sigmoid and robust coincide without smoothing
                }
                NDArray neg = logSigmoid(z.neg()).mul(constant(m, eps));
                if (settings.loss() == DpoLossType.SIGMOID) {
                    return pos.sub(neg);
                }
                return pos.add(neg).div(constant(m, 1 - 2 * eps));
            }
            case IPO -> {
                NDArray c = policyChosen.sub(refChosen).div(chosenCount);
                NDArray r = policyRejected.sub(refRejected).div(rejectedCount);
                return c.sub(r).sub(constant(m, 1 / (2 * beta))).square();
            }
            case SIMPO -> {
                NDArray c = policyChosen.div(chosenCount);
                NDArray r = policyRejected.div(rejectedCount);
                return logSigmoid(c.sub(r).mul(betaA).sub(constant(m, settings.simpoGamma()))).neg();
            }
            case SFT -> {
                return policyChosen.zerosLike();
            }
            default -> throw new IllegalStateException(settings.loss().toString());
        }
    }

    /** The per-pair loss on doubles: the same formula as {@link #perPair(NDArray, NDArray, NDArray, NDArray, NDArray, NDArray)}. */
    public double perPair(double policyChosen, double policyRejected, double refChosen, double refRejected,
                          double chosenCount, double rejectedCount) {
        double beta = settings.beta();
        double eps = settings.labelSmoothing();
        double z = beta * ((policyChosen - refChosen) - (policyRejected - refRejected));
        return switch (settings.loss()) {
            case SIGMOID -> -(1 - eps) * logSigmoid(z) - eps * logSigmoid(-z);
            case ROBUST -> (-(1 - eps) * logSigmoid(z) + eps * logSigmoid(-z)) / (1 - 2 * eps);
            case HINGE -> Math.max(0, 1 - z);
            case IPO -> {
                double d = (policyChosen - refChosen) / chosenCount - (policyRejected - refRejected) / rejectedCount
                        - 1 / (2 * beta);
                yield d * d;
            }
            case SIMPO -> -logSigmoid(beta * (policyChosen / chosenCount - policyRejected / rejectedCount)
                    - settings.simpoGamma());
            case SFT -> 0;
        };
    }

    /**
     * The implicit reward of one answer as TRL logs it: {@code β·(logπθ − logπref)}; for SimPO (no reference) TRL's
     * CPO trainer logs {@code β·logπθ/n}.
     */
    public double reward(double policy, double reference, double count) {
        return settings.loss() == DpoLossType.SIMPO ? settings.beta() * policy / count
                : settings.beta() * (policy - reference);
    }

    /**
     * mDPO's conditional preference per contrast pair {@code [K]}: {@code −log σ(β [(πc − refc) − (πc' − refc')])},
     * the chosen answer's log-probability ratio on its own image against the same answer's on the contrast image. A
     * shift of the answer prior moves both sides alike, so only a change in how the image is read lowers it.
     */
    public NDArray conditional(NDArray policyChosen, NDArray refChosen, NDArray policyContrast, NDArray refContrast) {
        NDManager m = policyChosen.getManager();
        NDArray z = policyChosen.sub(refChosen).sub(policyContrast.sub(refContrast)).mul(constant(m, settings.beta()));
        return logSigmoid(z).neg();
    }

    /** The same on doubles. */
    public double conditional(double policyChosen, double refChosen, double policyContrast, double refContrast) {
        return -logSigmoid(conditionalMargin(policyChosen, refChosen, policyContrast, refContrast));
    }

    /** The conditional term's margin {@code β [(πc − refc) − (πc' − refc')]}: positive when the image is read right. */
    public double conditionalMargin(double policyChosen, double refChosen, double policyContrast, double refContrast) {
        return settings.beta() * ((policyChosen - refChosen) - (policyContrast - refContrast));
    }

    /**
     * mDPO's anchored preference per pair {@code [B]}: {@code −log σ(β (πc − refc))}, lowest when the chosen answer gains
     * log-probability over the reference (plain DPO may lower the chosen and the rejected answer together).
     */
    public NDArray anchor(NDArray policyChosen, NDArray refChosen) {
        NDManager m = policyChosen.getManager();
        return logSigmoid(policyChosen.sub(refChosen).mul(constant(m, settings.beta()))).neg();
    }

    /** The same on doubles. */
    public double anchor(double policyChosen, double refChosen) {
        return -logSigmoid(settings.beta() * (policyChosen - refChosen));
    }

    /** {@code log σ(x)} on doubles, stable for large |x|. */
    static double logSigmoid(double x) {
        return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
    }

    /** {@code log σ(x) = −softplus(−x)} with PyTorch's stable softplus. */
    private static NDArray logSigmoid(NDArray x) {
        return x.neg().getNDArrayInternal().softPlus().neg();
    }

    private static NDArray constant(NDManager m, double v) {
        return m.full(new Shape(), (float) v);
    }
}
