/**
 * A loopback HTTP server speaking the OpenAI chat completions protocol, for tests, demos and benchmarks
 * that must not touch the internet: scripted answers, latency, a requests-per-minute cap and injectable
 * faults. {@link org.vapr.llm.loopback.LoopbackChatServer#main} starts one from the command line.
 */
package org.vapr.llm.loopback;
