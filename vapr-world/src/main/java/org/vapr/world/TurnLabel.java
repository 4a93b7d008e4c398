package org.vapr.world;

/**
 * The generator's own label for one question/answer turn of the corpus: a line of {@code labels.jsonl}. It lets
 * a filter or categorizer be scored against what the world meant each turn to be.
 *
 * @param id       the record id in {@code llava.json}
 * @param turn     0-based index of the question/answer pair in the conversation
 * @param kind     the record kind ({@code vqa}, {@code instruct_detail}, {@code ocr}, …)
 * @param expected the category id the turn belongs to, or, for the kinds a VaPR builder must drop, the drop
 *                 reason ({@code text_only}, {@code multiple_choice}, {@code bbox}, {@code ocr})
 */
public record TurnLabel(String id, int turn, String kind, String expected) {
}
