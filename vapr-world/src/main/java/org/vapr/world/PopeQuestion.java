package org.vapr.world;

/**
 * One line of a POPE file, in the official format.
 *
 * @param questionId 1-based, unique within a split file
 * @param image      the image path relative to the benchmark directory, e.g. {@code images/heldout_000007.png}
 * @param text       {@code Is there a red circle in the image?}
 * @param label      {@code yes} or {@code no}
 */
public record PopeQuestion(long questionId, String image, String text, String label) {
}
