/** The vision-language model contract and the synthetic world's small model. */
package org.vapr.train.model;
