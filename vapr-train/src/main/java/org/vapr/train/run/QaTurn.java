package org.vapr.train.run;

import java.nio.file.Path;

/**
 * One human/gpt turn pair of a LLaVA record whose image exists: an SFT row before encoding.
 *
 * @param id       record id and 0-based turn ({@code ID#TURN})
 * @param image    the image file
 * @param question the human turn ({@code <image>} marker included; the template removes it)
 * @param answer   the gpt turn
 */
public record QaTurn(String id, Path image, String question, String answer) {

    /**
     * The tokenizer of a corpus: every word of the turns' questions (image placeholder removed) and answers, once
     * seen, plus the specials; the same turns give the same vocabulary.
     */
    public static org.vapr.train.text.WordTokenizer tokenizer(java.util.List<QaTurn> turns) {
        java.util.List<String> texts = new java.util.ArrayList<>(turns.size() * 2);
        for (QaTurn t : turns) {
            texts.add(t.question().replace(org.vapr.train.text.WordTokenizer.IMAGE, " "));
            texts.add(t.answer());
        }
        return org.vapr.train.text.WordTokenizer.build(texts, 1);
    }
}
