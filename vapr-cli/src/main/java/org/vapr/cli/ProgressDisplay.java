package org.vapr.cli;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.vapr.pipeline.run.EditProgress;

/**
 * A progress bar on stderr with rate and elapsed time, shown only when stderr is a terminal and
 * {@code --quiet} is not given; otherwise updates cost nothing. The edit stage gets a bar of its own (items done
 * of items sampled) whose message carries the rate, ETA, calls made and replayed and the cost so far; the last
 * edit progress is kept for the summary either way.
 */
final class ProgressDisplay implements AutoCloseable {
    private final boolean shown;
    private ProgressBar bar;
    private boolean editBar;
    private volatile EditProgress lastEdit;

    private ProgressDisplay(ProgressBar bar, boolean shown) {
        this.bar = bar;
        this.shown = shown;
    }

    /** Opens a bar for a task of unknown ({@code max < 0}) or known size. */
    static ProgressDisplay open(String task, String unit, long max, boolean quiet) {
        if (quiet || System.console() == null) {
            return new ProgressDisplay(null, false);
        }
        return new ProgressDisplay(bar(task, unit, max), true);
    }

    private static ProgressBar bar(String task, String unit, long max) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setMaxRenderedLength(120)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                .startsFrom(0, Duration.ZERO)
                .build();
    }

    void stepTo(long n) {
        if (bar != null && !editBar) {
            bar.stepTo(n);
        }
    }

    /** Shows the edit stage's progress (replacing the records bar) and keeps it for {@link #lastEdit()}. */
    synchronized void edit(EditProgress p) {
        lastEdit = p;
        if (!shown) {
            return;
        }
        if (!editBar) {
            if (bar != null) {
                bar.close();
            }
            bar = bar("edit", "items", p.total());
            editBar = true;
        }
        bar.stepTo(p.done());
        bar.setExtraMessage(message(p));
    }

    /** The bar's message: ETA, calls made (and replayed) and cost so far. */
    static String message(EditProgress p) {
        StringBuilder sb = new StringBuilder();
        if (Double.isFinite(p.etaSeconds())) {
            long s = Math.round(p.etaSeconds());
            sb.append(String.format(Locale.ROOT, "ETA %d:%02d:%02d ", s / 3600, s % 3600 / 60, s % 60));
        }
        sb.append(String.format(Locale.ROOT, "calls %,d", p.callsMade()));
        if (p.callsReplayed() > 0) {
            sb.append(String.format(Locale.ROOT, " (+%,d replayed)", p.callsReplayed()));
        }
        if (Double.isFinite(p.costDollars())) {
            sb.append(String.format(Locale.ROOT, " $%.2f", p.costDollars()));
        }
        return sb.toString();
    }

    /** The edit stage's last progress, or {@code null} when the run had no edit stage. */
    EditProgress lastEdit() {
        return lastEdit;
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
