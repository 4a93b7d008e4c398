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
 * @param opposite    for yes/no questions the world's sentence for the other answer (in the same template: "No, I do
 *                    not see a red circle." for "Yes, I can see a red circle."), otherwise null
 */
record Qa(Category category, String question, String shortAnswer, String longAnswer, Boolean yes, String opposite) {
    /** A question without an opposite sentence. */
    Qa(Category category, String question, String shortAnswer, String longAnswer, Boolean yes) {
        this(category, question, shortAnswer, longAnswer, yes, null);
    }
}
