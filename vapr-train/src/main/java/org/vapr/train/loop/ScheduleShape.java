package org.vapr.train.loop;

import java.util.Locale;

/** How the learning rate decays after warmup (Hugging Face's {@code lr_scheduler_type}). */
public enum ScheduleShape {
    /** Cosine decay to 0. */
    COSINE,
    /** Linear decay to 0. */
    LINEAR,
    /** No decay. */
    CONSTANT;

    /** The lower-case name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
