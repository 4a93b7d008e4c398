package org.vapr.world;

import java.util.List;

/**
 * One scene of the synthetic world: the ground truth behind one image.
 *
 * @param id         e.g. {@code scene_000042}
 * @param image      the image path as written in the corpus, e.g. {@code images/000042.png}
 * @param background day, night, cloudy, snowy, indoor or sunset
 * @param objects    1 to 6 non-overlapping objects
 * @param text       an uppercase word shown on a sign (OCR records), or {@code null}
 */
public record Scene(String id, String image, String background, List<SceneObject> objects, String text) {
    public Scene {
        objects = List.copyOf(objects);
    }

    /** The same scene under another image path. */
    public Scene withImage(String newImage) {
        return new Scene(id, newImage, background, objects, text);
    }
}
