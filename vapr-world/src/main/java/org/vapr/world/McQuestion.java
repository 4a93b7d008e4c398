package org.vapr.world;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One question of the world's multiple-choice benchmark, as an entry of SEED-Bench's {@code questions} array
 * ({@code data_id} repeats {@code image}, SEED-Bench's own name for it).
 *
 * @param questionId     unique id, e.g. {@code mc_000012}
 * @param question       the question without options
 * @param choiceA        option A (likewise B, C, D)
 * @param answer         the gold letter, A to D
 * @param questionTypeId 1 color, 2 counting, 3 shape, 4 spatial (see the file's {@code question_type} map)
 * @param dataType       always {@code image}
 * @param image          the image path relative to the benchmark directory
 * @param dataId         the same path, under SEED-Bench's field name
 */
public record McQuestion(@JsonProperty("question_id") String questionId, @JsonProperty("question") String question,
        @JsonProperty("choice_a") String choiceA, @JsonProperty("choice_b") String choiceB,
        @JsonProperty("choice_c") String choiceC, @JsonProperty("choice_d") String choiceD,
        @JsonProperty("answer") String answer, @JsonProperty("question_type_id") int questionTypeId,
        @JsonProperty("data_type") String dataType, @JsonProperty("image") String image,
        @JsonProperty("data_id") String dataId) {
}
