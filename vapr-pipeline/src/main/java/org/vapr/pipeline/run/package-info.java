/**
 * Running the edit stage at scale: {@link org.vapr.pipeline.run.LaggedOrderedRunner} (bounded concurrency
 * on virtual threads, results applied in sample order), {@link org.vapr.pipeline.run.CallJournal} (an
 * append-only, fsync'd record of completed chat calls) and {@link org.vapr.pipeline.run.JournaledChatCaller}
 * (replays journaled calls so a killed run resumes without repeating a paid call), plus the progress and
 * price types the build reports with.
 */
package org.vapr.pipeline.run;
