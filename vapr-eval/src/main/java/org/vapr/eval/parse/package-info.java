/** Answer parsers: POPE (official and lmms-eval exact match), NaturalBench labels, multiple-choice letters and option text. */
package org.vapr.eval.parse;
