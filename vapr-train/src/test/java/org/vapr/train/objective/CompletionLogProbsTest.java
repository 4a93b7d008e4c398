package org.vapr.train.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.vapr.train.data.TokenBlock;

/** Summed log-probabilities use the logits one position back and only completion tokens. */
class CompletionLogProbsTest {

    @Test
    void sumsLogSoftmaxOfThePreviousPositionOverCompletionTokens() {
        // one row, T = 4, V = 3; tokens [2, 0, 1, 2]; completion = positions 2 and 3
        float[][] logits = {{0, 1, 2}, {3, 0, 1}, {1, 1, 0}, {9, 9, 9}};
        int[] tokens = {2, 0, 1, 2};
        try (NDManager m = NDManager.newBaseManager()) {
            float[] flat = new float[12];
            for (int t = 0; t < 4; t++) {
                System.arraycopy(logits[t], 0, flat, 3 * t, 3);
            }
            TokenBlock block = new TokenBlock(m.zeros(new Shape(1, 3, 1, 1)), m.create(tokens, new Shape(1, 4)),
                    m.create(new float[] {0, 0, 1, 1}, new Shape(1, 4)), new int[] {2});
            CompletionLogProbs lp = CompletionLogProbs.of(m.create(flat, new Shape(1, 4, 3)), block);
            // token 1 at t=2 is scored by logits[1]; token 2 at t=3 by logits[2]; logits[3] scores nothing
            double expected = logSoftmax(logits[1], 1) + logSoftmax(logits[2], 2);
            assertThat((double) lp.sums().getFloat(0)).isCloseTo(expected, within(1e-5));
            assertThat(lp.counts().getFloat(0)).isEqualTo(2f);
            NDArray ce = lp.tokenCrossEntropy(0, 1);
            assertThat((double) ce.getFloat()).isCloseTo(-expected / 2, within(1e-5));
        }
    }

    private static double logSoftmax(float[] row, int k) {
        double z = 0;
        for (float v : row) {
            z += Math.exp(v);
        }
        return row[k] - Math.log(z);
    }
}
