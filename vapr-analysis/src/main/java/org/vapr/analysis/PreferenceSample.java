package org.vapr.analysis;

import java.util.List;

/**
 * One preference pair as every reader delivers it, whatever the source format.
 *
 * @param id       the record's id, or a synthesized {@code <record>[#n]} when the format has none
 * @param prompt   the question (image placeholders kept as in the source); empty when the format has none
 * @param chosen   the preferred answer
 * @param rejected the dispreferred answer
 * @param category the task category, or {@code null} when the format carries none
 * @param images   image paths or ids as written in the source (possibly empty)
 */
public record PreferenceSample(String id, String prompt, String chosen, String rejected, String category,
                               List<String> images) {
    public PreferenceSample {
        images = List.copyOf(images);
    }
}
