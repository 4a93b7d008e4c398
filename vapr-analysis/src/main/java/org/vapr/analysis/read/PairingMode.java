package org.vapr.analysis.read;

/**
 * How a record holding lists of chosen and rejected answers (HA-DPO's {@code desc_data.json}) becomes pairs:
 * every chosen × rejected combination, or one seeded combination per image (HA-DPO's "offline" sampling).
 */
public enum PairingMode {
    ALL,
    ONE_PER_IMAGE
}
