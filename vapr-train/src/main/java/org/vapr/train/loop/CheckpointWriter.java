package org.vapr.train.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Writes a checkpoint to {@code OUT/checkpoints/step-NNNNNNNN/} every N steps. */
public final class CheckpointWriter implements TrainingListener {
    private final Path outDir;
    private final int every;

    /**
     * @param outDir the run's output directory
     * @param every  steps between checkpoints (≥ 1)
     */
    public CheckpointWriter(Path outDir, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("checkpoint interval must be at least 1");
        }
        this.outDir = outDir;
        this.every = every;
    }

    @Override
    public void afterStep(TrainingLoop loop, long step) {
        if (step % every == 0) {
            try {
                loop.saveCheckpoint(outDir.resolve(LoopCheckpoint.FOLDER).resolve(LoopCheckpoint.dirName(step)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
