package org.vapr.eval.data;

import java.util.List;

/**
 * One benchmark question with its gold answer, in the one shape every reader gives.
 *
 * @param id           the question id predictions refer to ({@code question_id} in the answer file)
 * @param split        POPE's split (random, popular, adversarial), or {@code null}
 * @param group        NaturalBench's group ({@code Index}), or {@code null}
 * @param position     NaturalBench's place in its group ({@code q0_i0}, {@code q0_i1}, {@code q1_i0}, {@code q1_i1}), or {@code null}
 * @param image        the image reference as the file gives it, or {@code null}
 * @param question     the question text as the file gives it (without options)
 * @param options      multiple-choice options in letter order (A, B, …); empty for yes/no questions
 * @param gold         the gold answer: {@code yes}/{@code no} (POPE), {@code 1}/{@code 0} (NaturalBench), a letter (multiple choice)
 * @param category     the category scores are broken down by (question type, source, subject, …), or {@code null}
 * @param subcategory  a finer category (MMStar's l2_category), or {@code null}
 * @param questionType {@code yes_no} or {@code multiple_choice} for NaturalBench, or {@code null}
 */
public record EvalItem(String id, String split, String group, String position, String image, String question,
                       List<String> options, String gold, String category, String subcategory, String questionType) {

    public EvalItem {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** The option letters of this item: A, B, … one per option (A–D when the options are not listed). */
    public List<String> letters() {
        int n = options.isEmpty() ? 4 : options.size();
        List<String> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(String.valueOf((char) ('A' + i)));
        }
        return out;
    }
}
