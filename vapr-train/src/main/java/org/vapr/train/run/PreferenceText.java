package org.vapr.train.run;

import java.nio.file.Path;

/**
 * One preference pair as text, before encoding.
 *
 * @param id       the pair id
 * @param image    the image file
 * @param prompt   the question
 * @param chosen   the preferred answer
 * @param rejected the dispreferred answer
 * @param category the VaPR category, or {@code null} (TRL format)
 * @param contrastImage an image on which the chosen answer is wrong ({@code contrast_image}), or {@code null}
 */
public record PreferenceText(String id, Path image, String prompt, String chosen, String rejected, String category,
                             Path contrastImage) {

    /** A pair without a contrast image. */
    public PreferenceText(String id, Path image, String prompt, String chosen, String rejected, String category) {
        this(id, image, prompt, chosen, rejected, category, null);
    }
}
