package org.vapr.world;

import java.awt.Graphics2D;
import java.util.Map;

/**
 * A built-in 5×7 pixel font for A–Z, so that sign text renders to the same pixels on every machine (no system
 * fonts, no font hinting).
 */
final class GlyphFont {
    static final int W = 5;
    static final int H = 7;

    private static final Map<Character, String> GLYPHS = Map.ofEntries(
            Map.entry('A', ".###.#...##...#######...##...##...#"),
            Map.entry('B', "####.#...##...#####.#...##...#####."),
            Map.entry('C', ".###.#...##....#....#....#...#.###."),
            Map.entry('D', "###..#..#.#...##...##...##..#.###.."),
            Map.entry('E', "######....#....####.#....#....#####"),
            Map.entry('F', "######....#....####.#....#....#...."),
            Map.entry('G', ".###.#...##....#.####...##...#.####"),
            Map.entry('H', "#...##...##...#######...##...##...#"),
            Map.entry('I', ".###...#....#....#....#....#...###."),
            Map.entry('J', "..###...#....#....#....#.#..#..##.."),
            Map.entry('K', "#...##..#.#.#..##...#.#..#..#.#...#"),
            Map.entry('L', "#....#....#....#....#....#....#####"),
            Map.entry('M', "#...###.###.#.##.#.##...##...##...#"),
            Map.entry('N', "#...##...###..##.#.##..###...##...#"),
            Map.entry('O', ".###.#...##...##...##...##...#.###."),
            Map.entry('P', "####.#...##...#####.#....#....#...."),
            Map.entry('Q', ".###.#...##...##...##.#.##..#..##.#"),
            Map.entry('R', "####.#...##...#####.#.#..#..#.#...#"),
            Map.entry('S', ".#####....#.....###.....#....#####."),
            Map.entry('T', "#####..#....#....#....#....#....#.."),
            Map.entry('U', "#...##...##...##...##...##...#.###."),
            Map.entry('V', "#...##...##...##...##...#.#.#...#.."),
            Map.entry('W', "#...##...##...##.#.##.#.##.#.#.#.#."),
            Map.entry('X', "#...##...#.#.#...#...#.#.#...##...#"),
            Map.entry('Y', "#...##...#.#.#...#....#....#....#.."),
            Map.entry('Z', "#####....#...#...#...#...#....#####"));

    private GlyphFont() {
    }

    /** Width in font pixels of a word (one blank column between letters). */
    static int width(String word) {
        return word.length() * (W + 1) - 1;
    }

    /** Draws the word with its top-left corner at (x, y), each font pixel a {@code scale}×{@code scale} square. */
    static void draw(Graphics2D g, String word, int x, int y, int scale) {
        for (int i = 0; i < word.length(); i++) {
            String glyph = GLYPHS.get(word.charAt(i));
            if (glyph == null) {
                continue;
            }
            int gx = x + i * (W + 1) * scale;
            for (int row = 0; row < H; row++) {
                for (int col = 0; col < W; col++) {
                    if (glyph.charAt(row * W + col) == '#') {
                        g.fillRect(gx + col * scale, y + row * scale, scale, scale);
                    }
                }
            }
        }
    }
}
