/** Calibration of the synthetic world, its SFT corpus and the small model for the CPU demo (test scope only). */
package org.vapr.cli.calibration;
