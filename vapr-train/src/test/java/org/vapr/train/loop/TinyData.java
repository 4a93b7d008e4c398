package org.vapr.train.loop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vapr.train.data.EncodedPair;
import org.vapr.train.data.EncodedTurn;

/** Seeded toy rows and pairs over a small vocabulary (ids 1..vocab-1; 0 is padding). */
public final class TinyData {
    private TinyData() {
    }

    /** Rows whose answer is a function of the prompt, so a model can learn it. */
    public static List<EncodedTurn> rows(int n, int vocab, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<EncodedTurn> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int a = 1 + r.nextInt(vocab - 1);
            int len = 1 + r.nextInt(3);
            int[] completion = new int[len];
            for (int k = 0; k < len; k++) {
                completion[k] = 1 + (a + k) % (vocab - 1);
            }
            rows.add(new EncodedTurn("row-" + i, Path.of("img.png"), new int[] {1 + r.nextInt(vocab - 1), a}, completion));
        }
        return rows;
    }

    /** Pairs whose chosen answer follows the rule of {@link #rows} and whose rejected answer breaks it. */
    public static List<EncodedPair> pairs(int n, int vocab, long seed) {
        List<EncodedPair> pairs = new ArrayList<>();
        List<EncodedTurn> rows = rows(n, vocab, seed);
        for (int i = 0; i < n; i++) {
            EncodedTurn row = rows.get(i);
            int[] rejected = row.completionIds().clone();
            rejected[0] = 1 + (rejected[0] + 2) % (vocab - 1);
            if (i % 3 == 0) {
                rejected = java.util.Arrays.copyOf(rejected, rejected.length + 1);
                rejected[rejected.length - 1] = 1;
            }
            pairs.add(new EncodedPair("pair-" + i, row.image(), row.promptIds(), row.completionIds(), rejected));
        }
        return pairs;
    }
}
