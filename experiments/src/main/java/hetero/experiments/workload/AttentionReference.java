package hetero.experiments.workload;

import hetero.kernels.Attention;

import java.util.Arrays;

/**
 * One output row of attention in float64, by handing the kernel library's
 * {@link Attention#reference} a one-query problem: the query row and exactly the keys it may see
 * (the masks always keep a prefix of the keys, see {@link Attention#visibleKeys}). Lets the
 * workloads check sampled rows of large shapes without the O(seq^2) full reference.
 */
final class AttentionReference {
    private AttentionReference() {
    }

    /**
     * @param qOff   start of the query row in q
     * @param kvBase start of the (batch, kvHead) block in k and v
     * @param keys   visible keys (a prefix of that block)
     */
    static float[] row(float[] q, int qOff, float[] k, float[] v, int kvBase, int keys, int dHead, float scale) {
        float[] qRow = Arrays.copyOfRange(q, qOff, qOff + dHead);
        float[] kRows = Arrays.copyOfRange(k, kvBase, kvBase + keys * dHead);
        float[] vRows = Arrays.copyOfRange(v, kvBase, kvBase + keys * dHead);
        return Attention.reference(qRow, kRows, vRows, new int[]{keys}, 1, 1, 1, 1, keys, dHead, scale, false, Attention.DOT);
    }
}
