package org.vapr.world;

import org.vapr.core.Category;

/**
 * One generated question with its gold answers.
 *
 * @param category    the task category the question belongs to
 * @param question    the question, without {@code <image>} or format suffix
 * @param shortAnswer the VQA-style answer ("3", "Red", "Yes"), or null for long-form-only questions
 * @param longAnswer  the sentence answer
 * @param yes         for yes/no questions the gold polarity, otherwise null
 */
record Qa(Category category, String question, String shortAnswer, String longAnswer, Boolean yes) {
}
