package org.vapr.train.data;

/**
 * Turns text into the model's token ids with its chat template: a question into prompt ids, an answer into
 * completion ids (ending with the end-of-turn id). Implemented by the model's tokenizer and template.
 */
public interface TurnEncoder {

    /** Prompt ids for one user question (image placeholder and chat markers included). */
    int[] prompt(String question);

    /** Completion ids for one assistant answer (end-of-turn included). */
    int[] completion(String answer);
}
