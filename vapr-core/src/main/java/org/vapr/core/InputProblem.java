package org.vapr.core;

/**
 * One problem with one input record, precise enough to fix by hand: the file, the record (0-based index,
 * or line number for JSONL), the byte offset where it starts, the field and what is wrong.
 *
 * @param file       the file name as the user gave it
 * @param record     0-based record index in a JSON array, or the 1-based line number in a JSONL file; -1 if unknown
 * @param byteOffset byte offset of the record or of the error; -1 if unknown
 * @param field      the JSON path of the offending field (e.g. {@code conversations[1].value}); empty if not a field
 * @param message    what is wrong
 * @param lineBased  whether {@code record} is a line number (JSONL) rather than an array index
 */
public record InputProblem(String file, long record, long byteOffset, String field, String message, boolean lineBased) {

    /** The one-line form printed to users, e.g. {@code llava.json: record 17 (byte 5123): field 'id': missing}. */
    public String toLine() {
        StringBuilder b = new StringBuilder(file);
        if (record >= 0) {
            b.append(lineBased ? ": line " : ": record ").append(record);
        }
        if (byteOffset >= 0) {
            b.append(" (byte ").append(byteOffset).append(')');
        }
        if (field != null && !field.isEmpty()) {
            b.append(": field '").append(field).append('\'');
        }
        return b.append(": ").append(message).toString();
    }

    @Override
    public String toString() {
        return toLine();
    }
}
