package org.vapr.train.text;

import org.vapr.train.data.TurnEncoder;

/**
 * The small model's chat template: prompt = {@code <bos> <|user|> question <|assistant|>}, completion = answer
 * {@code <eos>}. The image is not a token: the model prepends its image embeddings before {@code <bos>}, so a
 * LLaVA {@code <image>} marker in the question is removed.
 */
public final class ChatTemplate implements TurnEncoder {
    private final WordTokenizer tokenizer;

    public ChatTemplate(WordTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public int[] prompt(String question) {
        int[] words = tokenizer.encode(question.replace(WordTokenizer.IMAGE, " ").strip());
        int[] out = new int[words.length + 3];
        out[0] = tokenizer.bosId();
        out[1] = tokenizer.userId();
        System.arraycopy(words, 0, out, 2, words.length);
        out[out.length - 1] = tokenizer.assistantId();
        return out;
    }

    @Override
    public int[] completion(String answer) {
        int[] words = tokenizer.encode(answer);
        int[] out = new int[words.length + 1];
        System.arraycopy(words, 0, out, 0, words.length);
        out[words.length] = tokenizer.eosId();
        return out;
    }

    /** The tokenizer behind the template. */
    public WordTokenizer tokenizer() {
        return tokenizer;
    }
}
