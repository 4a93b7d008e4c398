package org.vapr.world;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The generator's own label for one question/answer turn of the corpus: a line of {@code labels.jsonl}. It lets
 * a filter or categorizer be scored against what the world meant each turn to be.
 *
 * @param id       the record id in {@code llava.json}
 * @param turn     0-based index of the question/answer pair in the conversation
 * @param kind     the record kind ({@code vqa}, {@code instruct_detail}, {@code ocr}, …)
 * @param expected the category id the turn belongs to, or, for the kinds a VaPR builder must drop, the drop
 *                 reason ({@code text_only}, {@code multiple_choice}, {@code bbox}, {@code ocr})
 * @param question the turn's question without the short-answer instruction, where the world generated it from a
 *                 question of its own (absent for multiple choice, boxes, OCR and text-only chat)
 * @param sentence the world's sentence answer to that question (the turn's own answer for a long-form turn; what the
 *                 one word or phrase of a short-answer turn stands for), or absent
 * @param opposite for a yes/no question, the world's sentence for the other answer in the same template, or absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TurnLabel(String id, int turn, String kind, String expected, String question, String sentence, String opposite) {
}
