/**
 * Streaming readers and writers: LLaVA JSON arrays and JSONL read record by record with precise error
 * locations, JSONL written with a fixed field order, atomic file replacement and content hashes.
 */
package org.vapr.core.io;
