package org.vapr.core;

/** What a source of ground truth says about an answer: true of the image, false of it, or undecidable. */
public enum Verdict {
    TRUE,
    FALSE,
    UNKNOWN
}
