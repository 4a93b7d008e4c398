package org.vapr.pipeline.run;

/** What a model's tokens cost, e.g. from a price table; used for the progress line and the manifest. */
@FunctionalInterface
public interface TokenPrice {

    /** The cost, in US dollars, of this many prompt and completion tokens. */
    double dollars(long promptTokens, long completionTokens);
}
