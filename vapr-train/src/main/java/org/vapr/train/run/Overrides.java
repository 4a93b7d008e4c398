package org.vapr.train.run;

import java.util.List;
import org.vapr.train.loop.ScheduleShape;

/**
 * Settings given explicitly on the command line; {@code null} means "take the preset's value". Explicit values always
 * win over the preset.
 */
public record Overrides(Integer epochs, Double learningRate, Integer batchSize, Integer gradAccum, Double warmupRatio,
                        ScheduleShape scheduler, Integer maxLength, Double maxGradNorm, Double weightDecay,
                        Integer loraRank, Double loraAlpha, Double loraDropout, List<String> loraTargets, Double beta,
                        Boolean groupByLength) {

    /** Overrides that leave length grouping to the preset. */
    public Overrides(Integer epochs, Double learningRate, Integer batchSize, Integer gradAccum, Double warmupRatio,
                     ScheduleShape scheduler, Integer maxLength, Double maxGradNorm, Double weightDecay,
                     Integer loraRank, Double loraAlpha, Double loraDropout, List<String> loraTargets, Double beta) {
        this(epochs, learningRate, batchSize, gradAccum, warmupRatio, scheduler, maxLength, maxGradNorm, weightDecay,
                loraRank, loraAlpha, loraDropout, loraTargets, beta, null);
    }

    /** No overrides: every value from the preset. */
    public static Overrides none() {
        return new Overrides(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    static <T> T pick(T explicit, T preset) {
        return explicit != null ? explicit : preset;
    }
}
