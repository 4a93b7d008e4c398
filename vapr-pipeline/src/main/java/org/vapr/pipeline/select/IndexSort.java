package org.vapr.pipeline.select;

/** Stable merge sort of an int index array by a primitive comparator, without boxing. */
final class IndexSort {
    private IndexSort() {
    }

    /** Compares two indices. */
    @FunctionalInterface
    interface IntComparator {
        int compare(int a, int b);
    }

    static void sort(int[] a, IntComparator cmp) {
        if (a.length < 2) {
            return;
        }
        int[] tmp = new int[a.length];
        int n = a.length;
        for (int lo = 0; lo < n; lo += 16) {
            insertion(a, lo, Math.min(lo + 16, n), cmp);
        }
        int[] src = a;
        int[] dst = tmp;
        for (int width = 16; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    dst[k++] = cmp.compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
                }
                while (i < mid) {
                    dst[k++] = src[i++];
                }
                while (j < hi) {
                    dst[k++] = src[j++];
                }
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
    }

    private static void insertion(int[] a, int lo, int hi, IntComparator cmp) {
        for (int i = lo + 1; i < hi; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= lo && cmp.compare(v, a[j]) < 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }
}
