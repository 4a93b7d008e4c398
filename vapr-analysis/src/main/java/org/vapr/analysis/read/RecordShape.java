package org.vapr.analysis.read;

/** How records are laid out in a file. */
public enum RecordShape {
    /** One JSON object per line. */
    JSONL,
    /** A JSON array of objects. */
    ARRAY,
    /** One JSON object whose fields are records keyed by id (HA-DPO {@code desc_data.json}: image id → record). */
    KEYED_OBJECT
}
