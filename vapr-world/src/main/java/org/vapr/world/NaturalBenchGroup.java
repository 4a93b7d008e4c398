package org.vapr.world;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One row of NaturalBench with the official dataset's column names ({@code BaiqiL/NaturalBench}): two questions,
 * two images, and the gold answer of each of the four (question, image) items. Gold is positional, as in the
 * official scorer: {@code Image_0_Question_0} and {@code Image_1_Question_1} are Yes/A, the other two No/B.
 *
 * @param index             0-based group index
 * @param image0            path of image 0, relative to the benchmark directory
 * @param image1            path of image 1
 * @param question0         question 0, without the answer-format suffix (options on their own lines for MC)
 * @param image0Question0   gold answer of question 0 on image 0 ({@code Yes} or {@code A})
 * @param image1Question0   gold answer of question 0 on image 1 ({@code No} or {@code B})
 * @param question1         question 1
 * @param image0Question1   gold answer of question 1 on image 0 ({@code No} or {@code B})
 * @param image1Question1   gold answer of question 1 on image 1 ({@code Yes} or {@code A})
 * @param questionType      {@code yes_no} or {@code multiple_choice}
 * @param source            {@code vapr-world:} and the pair's construction, e.g. {@code vapr-world:color_swap}
 */
public record NaturalBenchGroup(@JsonProperty("Index") long index, @JsonProperty("Image_0") String image0,
        @JsonProperty("Image_1") String image1, @JsonProperty("Question_0") String question0,
        @JsonProperty("Image_0_Question_0") String image0Question0, @JsonProperty("Image_1_Question_0") String image1Question0,
        @JsonProperty("Question_1") String question1, @JsonProperty("Image_0_Question_1") String image0Question1,
        @JsonProperty("Image_1_Question_1") String image1Question1, @JsonProperty("Question_Type") String questionType,
        @JsonProperty("Source") String source) {
}
