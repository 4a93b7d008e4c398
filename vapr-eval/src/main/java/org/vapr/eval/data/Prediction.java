package org.vapr.eval.data;

/**
 * One model answer in LLaVA's answer-file format ({@code {"question_id", "prompt", "text", "answer_id", "model_id"}}).
 *
 * @param questionId the question it answers
 * @param text       the model's raw answer
 * @param prompt     the prompt the model saw, or {@code null}
 * @param modelId    the model's name, or {@code null}
 */
public record Prediction(String questionId, String text, String prompt, String modelId) {
}
