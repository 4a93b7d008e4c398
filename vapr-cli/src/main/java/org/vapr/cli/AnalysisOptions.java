package org.vapr.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.vapr.analysis.AnalysisSettings;
import org.vapr.analysis.read.PairingMode;
import org.vapr.analysis.read.SourceFormat;
import org.vapr.analysis.stats.TokenCounter;
import org.vapr.train.tokenizer.HfTokenCounter;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options shared by {@code vapr analyze} and {@code vapr compare} (picocli mixin). */
final class AnalysisOptions {
    @Option(names = "--format", paramLabel = "FMT", defaultValue = "auto", converter = FormatConverter.class,
            description = "Input layout: auto, vapr, trl, llamafactory, llava-next, povid, ha-dpo, sima, rlaif-v, rlhf-v, "
                    + "vlfeedback (default: ${DEFAULT-VALUE}: detected from the first record).")
    SourceFormat format;

    @Option(names = "--tokenizer", paramLabel = "NAME|PATH", defaultValue = "o200k",
            description = "Tokenizer of the token-length statistics: o200k (GPT-4o), cl100k (GPT-4), or PATH to a Hugging Face "
                    + "tokenizer.json (or a directory holding one), e.g. Qwen3's (default: ${DEFAULT-VALUE}).")
    String tokenizer;

    /** The tokenizer, loaded once per command (compare measures every file with the same one). */
    private org.vapr.core.text.TokenCounter tokenCounter;

    @Option(names = "--pairs-per-image", paramLabel = "MODE", defaultValue = "all",
            description = "HA-DPO desc_data.json: 'all' chosen x rejected combinations, or 'one' seeded pair per image (default: ${DEFAULT-VALUE}).")
    String pairsPerImage;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of --pairs-per-image one (default: ${DEFAULT-VALUE}).")
    long seed;

    AnalysisSettings settings() {
        PairingMode pairing = switch (pairsPerImage.toLowerCase(java.util.Locale.ROOT)) {
            case "all" -> PairingMode.ALL;
            case "one" -> PairingMode.ONE_PER_IMAGE;
            default -> throw new IllegalArgumentException("--pairs-per-image: expected all or one, got '" + pairsPerImage + "'");
        };
        return AnalysisSettings.withTokens(tokenCounter()).withFormat(format).withPairing(pairing, seed);
    }

    /**
     * {@code o200k}/{@code cl100k} (JTokkit), or a {@code tokenizer.json} path (a value with a path separator, ending in
     * {@code .json}, or naming an existing file or directory) loaded with vapr-train's {@link HfTokenCounter}. An unknown
     * name is a usage error (exit 2); a missing or malformed file an input error (exit 3).
     */
    private org.vapr.core.text.TokenCounter tokenCounter() {
        if (tokenCounter == null) {
            String v = tokenizer.trim();
            try {
                tokenCounter = TokenCounter.of(v);
            } catch (IllegalArgumentException notAnEncoding) {
                if (!(v.contains("/") || v.contains(java.io.File.separator) || v.toLowerCase(java.util.Locale.ROOT).endsWith(".json")
                        || Files.exists(Path.of(v)))) {
                    throw new IllegalArgumentException("--tokenizer: unknown tokenizer '" + v
                            + "' (one of: o200k, cl100k, or PATH to a tokenizer.json)", notAnEncoding);
                }
                tokenCounter = HfTokenCounter.open(Path.of(v));
            }
        }
        return tokenCounter;
    }

    /** Parses {@code --format} ids such as {@code llava-next}. */
    static final class FormatConverter implements ITypeConverter<SourceFormat> {
        @Override
        public SourceFormat convert(String value) {
            try {
                return SourceFormat.fromId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
