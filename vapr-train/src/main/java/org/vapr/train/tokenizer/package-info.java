/** Hugging Face tokenizers ({@code tokenizer.json}) through DJL's native binding. */
package org.vapr.train.tokenizer;
