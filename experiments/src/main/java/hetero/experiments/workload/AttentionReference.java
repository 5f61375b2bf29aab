package hetero.experiments.workload;

import hetero.kernels.Attention;
import hetero.kernels.LinearAttention;
import hetero.kernels.LocalAttention;

import java.util.Arrays;

/**
 * One output row of attention in float64, by handing the kernel library's references a one-query
 * problem: the query row and exactly the keys it may see (a contiguous range: masks keep a prefix,
 * a local window a range). Lets the workloads check sampled rows of large shapes without the
 * O(seq^2) full reference.
 */
final class AttentionReference {
    private AttentionReference() {
    }

    /**
     * Softmax attention, DOT scoring.
     *
     * @param qOff   start of the query row in q
     * @param kvBase start of the (batch, kvHead) block in k and v
     * @param keys   visible keys (a prefix of that block)
     */
    static float[] row(float[] q, int qOff, float[] k, float[] v, int kvBase, int keys, int dHead, float scale) {
        return softmaxRow(q, qOff, k, v, kvBase, 0, keys, dHead, scale, Attention.DOT);
    }

    /** Softmax attention over keys lo..hi-1 of the block, DOT or COSINE scoring. */
    static float[] softmaxRow(float[] q, int qOff, float[] k, float[] v, int kvBase, int lo, int hi, int dHead, float scale, int scoreMode) {
        int keys = Math.max(0, hi - lo);
        return Attention.reference(query(q, qOff, dHead), slice(k, kvBase, lo, keys, dHead), slice(v, kvBase, lo, keys, dHead), new int[] {keys},
                1, 1, 1, 1, keys, dHead, scale, false, scoreMode);
    }

    /** Additive (tanh) softmax attention over the first {@code keys} keys of the block. */
    static float[] additiveRow(float[] q, int qOff, float[] k, float[] v, int kvBase, int keys, int dHead, float[] w, float[] u, float[] vAtt) {
        return Attention.referenceAdditive(query(q, qOff, dHead), slice(k, kvBase, 0, keys, dHead), slice(v, kvBase, 0, keys, dHead), w, u, vAtt,
                new int[] {keys}, 1, 1, 1, 1, keys, dHead, vAtt.length, false);
    }

    /** Linear attention (phi = elu + 1) over the first {@code keys} keys of the block. */
    static float[] linearRow(float[] q, int qOff, float[] k, float[] v, int kvBase, int keys, int dHead) {
        return LinearAttention.reference(query(q, qOff, dHead), slice(k, kvBase, 0, keys, dHead), slice(v, kvBase, 0, keys, dHead), new int[] {keys},
                1, 1, 1, 1, keys, dHead, false);
    }

    /** The window of query row i for local attention: {lo, hi}. */
    static int[] window(int validLength, int i, int seqQ, int seqK, int window, boolean causal) {
        return new int[] {LocalAttention.windowStart(i, seqQ, seqK, window), LocalAttention.windowEnd(validLength, i, seqQ, seqK, window, causal ? 1 : 0)};
    }

    private static float[] query(float[] q, int qOff, int dHead) {
        return Arrays.copyOfRange(q, qOff, qOff + dHead);
    }

    private static float[] slice(float[] x, int kvBase, int lo, int keys, int dHead) {
        return Arrays.copyOfRange(x, kvBase + lo * dHead, kvBase + (lo + keys) * dHead);
    }
}
