/** Encoded rows, padded blocks and the encoder/collator contracts shared by SFT, DPO and evaluation. */
package org.vapr.train.data;
