package org.vapr.analysis.read;

/**
 * What {@link FormatDetector} found.
 *
 * @param format the format (never {@link SourceFormat#AUTO})
 * @param shape  how its records are laid out
 */
public record Detection(SourceFormat format, RecordShape shape) {
}
