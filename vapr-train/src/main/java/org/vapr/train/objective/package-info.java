/**
 * What training minimises: summed completion log-probabilities, the SFT token cross-entropy and the DPO family of
 * preference losses with TRL's metrics (see {@code shared/REFERENCE.md}).
 */
package org.vapr.train.objective;
