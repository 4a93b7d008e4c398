package org.vapr.train.objective;

import java.util.Locale;

/** The preference losses of {@code shared/REFERENCE.md}, named as TRL's {@code loss_type}. */
public enum DpoLossType {
    /** {@code −logσ(βΔ)} (paper eq. 2–3); with label smoothing ε, conservative DPO. */
    SIGMOID,
    /** {@code (ρ_c/n_c − ρ_r/n_r − 1/(2β))²}. */
    IPO,
    /** {@code relu(1 − βΔ)}. */
    HINGE,
    /** {@code [−(1−ε)logσ(βΔ) + ε·logσ(−βΔ)] / (1−2ε)}. */
    ROBUST,
    /** {@code −logσ(β(lp_c/n_c − lp_r/n_r) − γ)}: length-normalised, no reference. */
    SIMPO,
    /** The token cross-entropy of the chosen answer only. */
    SFT;

    /** The lower-case name used on the command line and in manifests. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a lower- or upper-case name. */
    public static DpoLossType parse(String name) {
        for (DpoLossType t : values()) {
            if (t.id().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown DPO loss '" + name + "' (expected sigmoid, ipo, hinge, robust, simpo or sft)");
    }

    /** Whether the loss uses the reference model's log-probabilities. */
    public boolean usesReference() {
        return this != SIMPO && this != SFT;
    }
}
