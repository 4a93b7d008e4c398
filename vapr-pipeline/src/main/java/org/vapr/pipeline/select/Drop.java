package org.vapr.pipeline.select;

/**
 * A dropped turn or record: a line of {@code dropped.jsonl}.
 *
 * @param sourceId the record id, {@code null} when the record was unreadable
 * @param turn     0-based question/answer index, -1 for a whole record
 * @param reason   drop reason, e.g. {@code text_only}, {@code ocr}, {@code uncategorized}, {@code edit_too_far}
 * @param detail   extra information (the one-line problem for a bad record), or {@code null}
 */
public record Drop(String sourceId, int turn, String reason, String detail) {
}
