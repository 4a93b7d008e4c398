package org.vapr.train.run;

import java.util.List;
import org.vapr.train.loop.TrainingListener;

/**
 * How a run is driven, apart from its hyperparameters.
 *
 * @param seed            model initialisation, LoRA initialisation, data order and dropout
 * @param threads         engine threads (recorded; the CLI applies them before the engine starts)
 * @param logEvery        log metrics every this many steps
 * @param checkpointEvery checkpoint every this many steps (0: none)
 * @param resume          continue from the latest checkpoint in the output directory
 * @param quiet           no progress bar
 * @param command         the command line, for the manifest
 * @param extraListeners  more listeners (tests)
 */
public record RunControl(long seed, int threads, int logEvery, int checkpointEvery, boolean resume, boolean quiet,
                         String command, List<TrainingListener> extraListeners) {
    public RunControl {
        extraListeners = List.copyOf(extraListeners);
    }
}
