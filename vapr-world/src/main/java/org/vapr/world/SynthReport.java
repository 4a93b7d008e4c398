package org.vapr.world;

import java.nio.file.Path;
import java.util.SortedMap;

/**
 * What {@link WorldSynthesizer#synthesize} wrote.
 *
 * @param records       records in {@code llava.json}
 * @param images        image files written
 * @param scenes        scenes in {@code scenes.jsonl}
 * @param recordsByKind records per kind (vqa, instruct_conversation, ..., text_only, multiple_choice, bbox, ocr)
 * @param corpus        the {@code llava.json} file
 * @param scenesFile    the {@code scenes.jsonl} file
 */
public record SynthReport(long records, long images, long scenes, SortedMap<String, Long> recordsByKind, Path corpus,
        Path scenesFile) {
}
