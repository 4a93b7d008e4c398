package org.vapr.world;

import java.util.SplittableRandom;

/** Derives independent, reproducible random streams from (seed, index, purpose). */
final class Seeds {
    static final long SCENE = 0x5CE7E5L;
    static final long KIND = 0x4B1D5L;
    static final long TEXT = 0x7E47L;
    static final long RECORD = 0x2EC02DL;
    static final long DECOR = 0xDEC02L;

    private Seeds() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long derive(long seed, long index, long purpose) {
        return mix(mix(mix(seed) ^ purpose * 0x9E3779B97F4A7C15L) + index);
    }

    static SplittableRandom rng(long seed, long index, long purpose) {
        return new SplittableRandom(derive(seed, index, purpose));
    }
}
