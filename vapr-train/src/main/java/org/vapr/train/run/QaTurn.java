package org.vapr.train.run;

import java.nio.file.Path;

/**
 * One human/gpt turn pair of a LLaVA record whose image exists: an SFT row before encoding.
 *
 * @param id       record id and 0-based turn ({@code ID#TURN})
 * @param image    the image file
 * @param question the human turn ({@code <image>} marker included; the template removes it)
 * @param answer   the gpt turn
 */
public record QaTurn(String id, Path image, String question, String answer) {
}
