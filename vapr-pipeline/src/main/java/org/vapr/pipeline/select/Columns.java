package org.vapr.pipeline.select;

import java.util.Arrays;

/**
 * Growable primitive columns stored in fixed-size blocks, so growing never copies what is already stored:
 * peak memory stays at about the bytes stored (no doubling spike) for millions of sampler candidates.
 */
final class Columns {
    private static final int SHIFT = 16;
    private static final int BLOCK = 1 << SHIFT;
    private static final int MASK = BLOCK - 1;

    private Columns() {
    }

    /** A growable column of longs. */
    static final class Longs {
        private long[][] blocks = new long[8][];
        private int size;

        void add(long v) {
            int b = size >>> SHIFT;
            if (b == blocks.length) {
                blocks = Arrays.copyOf(blocks, b * 2);
            }
            if (blocks[b] == null) {
                blocks[b] = new long[BLOCK];
            }
            blocks[b][size & MASK] = v;
            size++;
        }

        long get(int i) {
            return blocks[i >>> SHIFT][i & MASK];
        }
    }

    /** A growable column of bytes. */
    static final class Bytes {
        private byte[][] blocks = new byte[8][];
        private int size;

        void add(byte v) {
            int b = size >>> SHIFT;
            if (b == blocks.length) {
                blocks = Arrays.copyOf(blocks, b * 2);
            }
            if (blocks[b] == null) {
                blocks[b] = new byte[BLOCK];
            }
            blocks[b][size & MASK] = v;
            size++;
        }

        byte get(int i) {
            return blocks[i >>> SHIFT][i & MASK];
        }
    }
}
