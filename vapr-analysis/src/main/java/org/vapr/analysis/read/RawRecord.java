package org.vapr.analysis.read;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record as it stands in the file, before a format gives it meaning.
 *
 * @param index      0-based array index, 1-based JSONL line, or 0-based field index of a keyed object
 * @param byteOffset where the record starts (-1 if unknown)
 * @param lineBased  whether {@code index} is a line number
 * @param key        the field name in a {@link RecordShape#KEYED_OBJECT}, otherwise {@code null}
 * @param node       the record
 */
public record RawRecord(long index, long byteOffset, boolean lineBased, String key, JsonNode node) {
}
