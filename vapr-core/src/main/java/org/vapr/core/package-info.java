/**
 * The shared vocabulary of vapr: task categories, the {@link org.vapr.core.AnswerVerifier} contract that
 * lets any source of ground truth check an answer, and the one-line input errors every stage reports.
 */
package org.vapr.core;
