package org.vapr.analysis.training;

import java.util.function.ToDoubleFunction;

/** The per-pair gaps the report draws as histograms (paper eq. 3). */
public enum PairDelta {
    /** Δref: the reference model's gap; fixed during training. */
    REF("Δref", "delta-ref", PairLogps::deltaRef),
    /** Δθ: the policy's gap. */
    THETA("Δθ", "delta-theta", PairLogps::deltaTheta),
    /** Δθ − Δref: the implicit reward margin over β. */
    MARGIN("Δθ − Δref", "margin", PairLogps::margin);

    private final String symbol;
    private final String slug;
    private final ToDoubleFunction<PairLogps> value;

    PairDelta(String symbol, String slug, ToDoubleFunction<PairLogps> value) {
        this.symbol = symbol;
        this.slug = slug;
        this.value = value;
    }

    /** The symbol shown on charts and tables, e.g. {@code Δref}. */
    public String symbol() {
        return symbol;
    }

    /** A name usable in element ids, e.g. {@code delta-ref}. */
    public String slug() {
        return slug;
    }

    /** This gap of one pair. */
    public double of(PairLogps pair) {
        return value.applyAsDouble(pair);
    }
}
