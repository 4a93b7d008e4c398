package org.vapr.train.run;

/**
 * The PyTorch engine's thread counts. They are read once, when the engine starts, so they must be set before any
 * array is made: the CLI calls {@link #configure} first thing.
 */
public final class EngineThreads {
    /** Intra-op threads. */
    public static final String NUM_THREADS = "ai.djl.pytorch.num_threads";
    /** Inter-op threads. */
    public static final String NUM_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

    private EngineThreads() {
    }

    /** Sets both thread counts (a value below 1 leaves PyTorch's default). */
    public static void configure(int threads) {
        if (threads >= 1) {
            System.setProperty(NUM_THREADS, Integer.toString(threads));
            System.setProperty(NUM_INTEROP_THREADS, Integer.toString(threads));
        }
    }
}
