/**
 * Records for the data that flows through vapr: LLaVA-format source records and VaPR preference pairs.
 * Field names serialize in snake_case, in declaration order, so files are byte-stable.
 */
package org.vapr.core.record;
