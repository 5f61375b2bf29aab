package hetero.kernels;

import hetero.runtime.api.Parallel;

/**
 * Local (sliding-window) attention: softmax attention in which a query sees only the keys within
 * a window of W positions around it, so work is O(seq W dHead) instead of O(seq^2 dHead).
 *
 * <h2>Window</h2>
 * Query row i sits at position p = i + seqK - seqQ (bottom-right aligned, as {@link Attention}'s
 * causal mask). Causal: keys p - W + 1 .. p (W keys, itself included). Bidirectional: keys
 * p - W + 1 .. p + W - 1 (W - 1 on each side). Both are then cut to the padding mask
 * (keys below validLength[b]) and to 0..seqK-1; a row left with no key gives zeros. The window is
 * a contiguous key range, so the kernels hand it to {@link Attention#attendRow} (online softmax),
 * which visits only those keys: the fused, flash-style form, no score matrix, never seq x seq.
 * Layout, kvHeads (MHA/GQA/MQA) and scoring (DOT, COSINE) as in {@link Attention}.
 */
public final class LocalAttention {
    private LocalAttention() {
    }

    /** First key of query row i's window. */
    public static int windowStart(int i, int seqQ, int seqK, int window) {
        int start = i + seqK - seqQ - window + 1;
        return start > 0 ? start : 0;
    }

    /** One past the last key of query row i's window, after the padding mask (may be <= windowStart: no key). */
    public static int windowEnd(int validLength, int i, int seqQ, int seqK, int window, int causal) {
        int p = i + seqK - seqQ;
        int end = causal != 0 ? p + 1 : p + window;
        int n = validLength < seqK ? validLength : seqK;
        return end < n ? end : n;
    }

    /** O in double for DOT or COSINE scoring, following the window rules above. */
    public static float[] reference(float[] q, float[] k, float[] v, int[] validLength, int batch, int heads, int kvHeads, int seqQ, int seqK,
                                    int dHead, float scale, int window, boolean causal, int scoreMode) {
        float[] out = new float[batch * heads * seqQ * dHead];
        int group = heads / kvHeads;
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int qBase = (b * heads + h) * seqQ * dHead;
                int kvBase = (b * kvHeads + h / group) * seqK * dHead;
                for (int i = 0; i < seqQ; i++) {
                    int lo = windowStart(i, seqQ, seqK, window);
                    int hi = windowEnd(validLength[b], i, seqQ, seqK, window, causal ? 1 : 0);
                    double[] s = new double[Math.max(0, hi - lo)];
                    for (int j = 0; j < s.length; j++) s[j] = Attention.referenceScore(q, qBase + i * dHead, k, kvBase + (lo + j) * dHead, dHead, scale, scoreMode);
                    Attention.softmaxAndMix(s, v, kvBase + lo * dHead, dHead, out, qBase + i * dHead);
                }
            }
        }
        return out;
    }

    /**
     * Fused sliding-window attention, one work-item per query row, online softmax over the window's
     * keys only. Grid: 2D (seqQ, batch*heads).
     */
    public static void flash(float[] q, float[] k, float[] v, int[] validLength, float[] out, int batch, int heads, int kvHeads, int seqQ,
                             int seqK, int dHead, float scale, int window, int causal, int scoreMode) {
        for (@Parallel int bh = 0; bh < batch * heads; bh++) {
            for (@Parallel int i = 0; i < seqQ; i++) {
                int b = bh / heads;
                int kvOff = Attention.kvHeadOf(bh, heads, kvHeads) * seqK * dHead;
                int lo = windowStart(i, seqQ, seqK, window);
                int hi = windowEnd(validLength[b], i, seqQ, seqK, window, causal);
                int keys = hi > lo ? hi - lo : 0;
                int row = (bh * seqQ + i) * dHead;
                Attention.attendRow(q, row, k, v, kvOff + lo * dHead, keys, dHead, scale, scoreMode, out, row);
            }
        }
    }

    /**
     * One decode step over a KV cache ([batch, kvHeads, capacity, dHead], the first {@code length}
     * rows filled): the new token, at position length - 1, sees the last W cached keys.
     * One work-item per (batch, head). Grid: 1D (batch*heads).
     */
    public static void decode(float[] q, float[] kCache, float[] vCache, int[] validLength, float[] out, int batch, int heads, int kvHeads,
                              int length, int capacity, int dHead, float scale, int window, int scoreMode) {
        for (@Parallel int bh = 0; bh < batch * heads; bh++) {
            int b = bh / heads;
            int n = validLength[b] < length ? validLength[b] : length;
            int lo = n - window > 0 ? n - window : 0;
            int kvOff = Attention.kvHeadOf(bh, heads, kvHeads) * capacity * dHead;
            Attention.attendRow(q, bh * dHead, kCache, vCache, kvOff + lo * dHead, n - lo, dHead, scale, scoreMode, out, bh * dHead);
        }
    }
}
