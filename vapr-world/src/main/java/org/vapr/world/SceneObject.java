package org.vapr.world;

import java.util.List;

/**
 * One object of a {@link Scene}.
 *
 * @param shape   circle, square, triangle, star, hexagon, diamond, heart or cross
 * @param color   one of the world's ten color names
 * @param size    small, medium or large
 * @param pattern the fill pattern (the "material"): solid, striped, dotted or checkered
 * @param x       centre x in [0, 1], left to right
 * @param y       centre y in [0, 1], top to bottom
 * @param bbox    bounding box {@code [x1, y1, x2, y2]} normalised to [0, 1], two decimals (LLaVA convention)
 */
public record SceneObject(String shape, String color, String size, String pattern, double x, double y, List<Double> bbox) {
    public SceneObject {
        bbox = List.copyOf(bbox);
    }

    double x1() {
        return bbox.get(0);
    }

    double y1() {
        return bbox.get(1);
    }

    double x2() {
        return bbox.get(2);
    }

    double y2() {
        return bbox.get(3);
    }

    /** The box as written in LLaVA prompts, e.g. {@code [0.12, 0.30, 0.45, 0.62]}. */
    String boxText() {
        return String.format(java.util.Locale.ROOT, "[%.2f, %.2f, %.2f, %.2f]", x1(), y1(), x2(), y2());
    }
}
