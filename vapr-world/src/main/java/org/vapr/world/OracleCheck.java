package org.vapr.world;

import org.vapr.core.Category;

/**
 * One claim a benchmark item rests on, for the oracle to confirm: on {@code image}, {@code answer} to
 * {@code question} is {@code expected} (true or false). A benchmark is written only when every check agrees.
 */
record OracleCheck(String image, Category category, String question, String answer, boolean expected) {
}
