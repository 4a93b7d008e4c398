package org.vapr.train.loop;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr with the latest loss; silent when stderr is not a terminal or when quiet. */
public final class ProgressListener implements TrainingListener {
    private final String task;
    private final boolean enabled;
    private ProgressBar bar;

    /**
     * @param task  the bar's label (e.g. {@code dpo})
     * @param quiet {@code true} for no bar at all
     */
    public ProgressListener(String task, boolean quiet) {
        this.task = task;
        this.enabled = !quiet && System.console() != null;
    }

    @Override
    public void onStart(TrainingLoop loop) {
        if (enabled) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(loop.totalSteps())
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .setUnit(" steps", 1).showSpeed().build();
            bar.stepTo(loop.completedSteps());
        }
    }

    @Override
    public void onGradients(StepGradients step) {
        if (bar != null) {
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", step.loss()));
        }
    }

    @Override
    public void afterStep(TrainingLoop loop, long step) {
        if (bar != null) {
            bar.stepTo(step);
        }
    }

    @Override
    public void onFinish(TrainingLoop loop, boolean completed) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
