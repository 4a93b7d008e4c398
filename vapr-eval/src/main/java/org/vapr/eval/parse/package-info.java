/** Answer parsers: POPE (official and lmms-eval exact match), NaturalBench labels and multiple-choice letters. */
package org.vapr.eval.parse;
