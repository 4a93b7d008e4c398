package org.vapr.train.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vapr.core.InputException;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.io.Json;

/**
 * The shape of a {@link WorldVlm}, saved as {@code config.json} next to its weights.
 *
 * @param imageSize      images are resized to {@code imageSize × imageSize} pixels
 * @param patchSize      side of a square patch; {@code (imageSize / patchSize)²} image tokens
 * @param dModel         width of the vision encoder, projector and decoder
 * @param layers         decoder layers
 * @param heads          attention heads ({@code dModel / heads} must be even for RoPE)
 * @param ffnHidden      SwiGLU hidden width
 * @param visionLayers   bidirectional transformer layers after the patch embedding (0 = patch embedding only)
 * @param vocabSize      tokenizer size
 * @param maxTextLength  longest prompt + completion the model is used with (longer rows are cut)
 * @param ropeTheta      RoPE base
 * @param normEps        RMSNorm epsilon
 * @param dropout        dropout on attention and feed-forward outputs while training
 * @param tieEmbeddings  output head shares the token embedding
 */
public record VlmConfig(int imageSize, int patchSize, int dModel, int layers, int heads, int ffnHidden,
                        int visionLayers, int vocabSize, int maxTextLength, double ropeTheta, double normEps,
                        double dropout, boolean tieEmbeddings) {

    public VlmConfig {
        require(imageSize > 0 && patchSize > 0 && imageSize % patchSize == 0, "image_size must be a multiple of patch_size");
        require(dModel > 0 && heads > 0 && dModel % heads == 0 && (dModel / heads) % 2 == 0,
                "d_model must split into heads of even width");
        require(layers > 0 && ffnHidden > 0 && visionLayers >= 0 && vocabSize > 0 && maxTextLength > 0,
                "layers, ffn_hidden, vocab_size and max_text_length must be positive");
        require(ropeTheta > 0 && normEps > 0 && dropout >= 0 && dropout < 1, "rope_theta, norm_eps > 0 and 0 <= dropout < 1");
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("invalid model config: " + what);
        }
    }

    /**
     * The synthetic world's model, sized for CPU training (2 threads): images resized to 48 px at patch 16 (9 image
     * tokens on a 3×3 grid, one per cell of the demo world's 3×3 layout, see {@code WorldDifficulty.DEMO}), one
     * bidirectional vision layer, d = 96, 3 decoder layers of 4 heads, SwiGLU 256, tied embeddings, no dropout.
     * Calibrated in {@code docs/CALIBRATION.md}: at 64 px / patch 16 (a 4×4 grid that does not line up with the
     * objects) or 32 px / patch 8, color binding stayed at chance after 1,264 SFT steps; at 48 px / patch 16 on the
     * grid-aligned demo world it reached 0.63 after 1,824 steps, with 44 % fewer image tokens per row.
     */
    public static VlmConfig world(int vocabSize) {
        return new VlmConfig(48, 16, 96, 3, 4, 256, 1, vocabSize, 64, 10000, 1e-5, 0.0, true);
    }

    /** Image tokens prepended to the text. */
    public int imageTokens() {
        int side = imageSize / patchSize;
        return side * side;
    }

    /** Width of one attention head. */
    public int headDim() {
        return dModel / heads;
    }

    /** Writes {@code config.json}. */
    public void save(Path file) {
        try {
            AtomicFiles.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads {@code config.json}. */
    public static VlmConfig load(Path file) {
        try {
            return Json.mapper().readValue(Files.readString(file), VlmConfig.class);
        } catch (IOException | RuntimeException e) {
            throw new InputException(file + ": not a model config: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
