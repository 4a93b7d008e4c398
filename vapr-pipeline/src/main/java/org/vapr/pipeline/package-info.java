/**
 * The VaPR dataset builder: {@link org.vapr.pipeline.BuildPipeline} streams a LLaVA-format corpus through
 * filter → categorize → sample → extend → edit → validate and writes {@code pairs.jsonl}, the trainer exports
 * and {@code manifest.json}. Each stage can also run on its own over the JSONL file of the stage before it.
 */
package org.vapr.pipeline;
