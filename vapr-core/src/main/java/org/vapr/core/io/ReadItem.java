package org.vapr.core.io;

import org.vapr.core.InputProblem;
import org.vapr.core.record.LlavaRecord;

/** One result of reading a LLaVA corpus: a valid record, or a problem with one record. */
public sealed interface ReadItem {

    /** 0-based record index (JSON array) or 1-based line number (JSONL). */
    long index();

    /** A record that passed validation. */
    record Ok(long index, long byteOffset, LlavaRecord record) implements ReadItem {
    }

    /**
     * A record that could not be used. {@code fatal} means reading stopped here (a syntax error inside a
     * JSON array cannot be skipped reliably); otherwise reading goes on with the next record.
     */
    record Bad(long index, InputProblem problem, boolean fatal) implements ReadItem {
    }
}
