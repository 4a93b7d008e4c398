/** The small model's word-level tokenizer and chat template. */
package org.vapr.train.text;
