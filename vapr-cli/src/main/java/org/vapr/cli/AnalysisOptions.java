package org.vapr.cli;

import org.vapr.analysis.AnalysisSettings;
import org.vapr.analysis.read.PairingMode;
import org.vapr.analysis.read.SourceFormat;
import org.vapr.analysis.stats.TokenCounter;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options shared by {@code vapr analyze} and {@code vapr compare} (picocli mixin). */
final class AnalysisOptions {
    @Option(names = "--format", paramLabel = "FMT", defaultValue = "auto", converter = FormatConverter.class,
            description = "Input layout: auto, vapr, trl, llamafactory, llava-next, povid, ha-dpo, sima, rlaif-v, rlhf-v, "
                    + "vlfeedback (default: ${DEFAULT-VALUE}: detected from the first record).")
    SourceFormat format;

    @Option(names = "--tokenizer", paramLabel = "NAME", defaultValue = "o200k",
            description = "Tokenizer of the token-length statistics: o200k (GPT-4o) or cl100k (GPT-4) (default: ${DEFAULT-VALUE}).")
    String tokenizer;

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
        return AnalysisSettings.defaults().withFormat(format).withTokenizer(TokenCounter.of(tokenizer)).withPairing(pairing, seed);
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
