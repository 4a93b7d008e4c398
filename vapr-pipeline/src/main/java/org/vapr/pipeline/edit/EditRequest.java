package org.vapr.pipeline.edit;

import java.util.List;
import org.vapr.core.Category;

/**
 * What an editor gets for one attempt at one pair.
 *
 * @param sourceId source record id
 * @param turn     0-based question/answer index
 * @param image    image path relative to the image root
 * @param category task category (the editor's task-specific conditioning)
 * @param prompt   the clean question
 * @param chosen   the ground-truth answer (already extended)
 * @param avoid    penalised replacement values for this category (the most used so far), lowercase
 * @param attempt  1-based attempt number
 * @param feedback why the previous attempt was rejected (a validation reason), or {@code null} on attempt 1
 * @param seed     random seed for this pair and attempt (derived from the run seed, source id, turn, attempt)
 */
public record EditRequest(String sourceId, int turn, String image, Category category, String prompt, String chosen,
                          List<String> avoid, int attempt, String feedback, long seed) {
    public EditRequest {
        avoid = List.copyOf(avoid);
    }
}
