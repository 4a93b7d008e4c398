/**
 * Readers of preference datasets in their published layouts (VaPR, TRL, LLaMA-Factory, LLaVA-NeXT, POVID, SIMA,
 * HA-DPO, RLAIF-V, RLHF-V, VLFeedback) into {@link org.vapr.analysis.PreferenceSample}s: streaming, with format
 * detection and one-line problems for bad records.
 */
package org.vapr.analysis.read;
