package hetero.kernels;

import hetero.runtime.api.KMath;
import hetero.runtime.api.Parallel;

/**
 * Linear attention (Katharopoulos et al. 2020, "Transformers are RNNs"): softmax(q.k) is replaced
 * by the kernel phi(q).phi(k) with the feature map phi(x) = elu(x) + 1, so the sums over keys can
 * be taken once, before any query is seen:
 * <pre>
 *   S = sum_j phi(k_j) v_j^T   [dHead x dHead]      z = sum_j phi(k_j)   [dHead]
 *   o_i = phi(q_i)^T S / (phi(q_i) . z)
 * </pre>
 * Work and memory grow linearly with the sequence: O(seq dHead^2) instead of O(seq^2 dHead).
 *
 * <h2>Layout and conventions</h2>
 * Q, K, V and O as in {@link Attention} ([batch, heads, seqQ, dHead], [batch, kvHeads, seqK, dHead];
 * query head h reads KV head h / (heads / kvHeads), which covers MHA, GQA and MQA). The state of one
 * KV head is stored as a [dHead x (dHead + 1)] matrix: columns 0..dHead-1 are S, column dHead is z
 * (so one loop fills both). Masks follow {@link Attention#visibleKeys}: padding keeps keys below
 * validLength[b]; causal (bottom-right aligned) keeps keys j <= i + seqK - seqQ. A row that sees no
 * key gives zeros. There is no scale and no scoring choice: phi replaces both.
 *
 * <h2>Lab notebook</h2>
 * 1. {@link #reference}: double, quadratic (weights phi(q).phi(k) per key pair), independent of
 * the factorization the kernels use. 2. Non-causal: {@link #featureMap} of Q and K, {@link #state},
 * {@link #apply}. 3. Causal,
 * chunked prefix sums: {@link #prefixStates} writes the running state at every CHUNK-th key
 * (chunk c holds the sum over keys below c * CHUNK), {@link #applyCausal} starts from the chunk
 * boundary below a query's last visible key and adds the few keys after it directly. 4. Decode:
 * {@link #decodeUpdate} adds one token's phi(k) [v, 1] to a state of O(dHead^2) per KV head, then
 * {@link #apply} with seqQ = 1 reads it (after {@link #featureMap} of q): no cache that grows with the sequence.
 */
public final class LinearAttention {
    /** Keys per chunk of the causal prefix states. */
    public static final int CHUNK = 64;

    private LinearAttention() {
    }

    /** phi(x) = elu(x) + 1: x + 1 for x > 0, exp(x) otherwise; always positive. */
    public static float phi(float x) {
        return x > 0.0f ? x + 1.0f : KMath.exp(x);
    }

    static double phi(double x) {
        return x > 0 ? x + 1 : Math.exp(x);
    }

    /** Floats of one KV head's state: dHead x (dHead + 1) (S and z). */
    public static int stateSize(int dHead) {
        return dHead * (dHead + 1);
    }

    // ---------------------------------------------------------------- reference (double)

    /** O in double, quadratic form: o_i = sum_j w_ij v_j / sum_j w_ij with w_ij = phi(q_i).phi(k_j). */
    public static float[] reference(float[] q, float[] k, float[] v, int[] validLength, int batch, int heads, int kvHeads,
                                    int seqQ, int seqK, int dHead, boolean causal) {
        float[] out = new float[batch * heads * seqQ * dHead];
        int group = heads / kvHeads;
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int qBase = (b * heads + h) * seqQ * dHead;
                int kvBase = (b * kvHeads + h / group) * seqK * dHead;
                for (int i = 0; i < seqQ; i++) {
                    int keys = Attention.visibleKeys(validLength[b], i, seqQ, seqK, causal ? 1 : 0);
                    double[] num = new double[dHead];
                    double den = 0;
                    for (int j = 0; j < keys; j++) {
                        double w = 0;
                        for (int d = 0; d < dHead; d++) w += phi((double) q[qBase + i * dHead + d]) * phi((double) k[kvBase + j * dHead + d]);
                        den += w;
                        for (int d = 0; d < dHead; d++) num[d] += w * v[kvBase + j * dHead + d];
                    }
                    for (int d = 0; d < dHead; d++) out[qBase + i * dHead + d] = den > 0 ? (float) (num[d] / den) : 0f;
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- shared device functions

    /**
     * y = phi(x) element-wise. The state and output kernels read phi(K) and phi(Q) from here, so each
     * exp is taken once per element instead of once per (element, column). Grid: 1D (n).
     */
    public static void featureMap(float[] x, float[] y, int n) {
        for (@Parallel int i = 0; i < n; i++) y[i] = phi(x[i]);
    }

    /**
     * out[oOff..] = phiQ^T S (the numerator, unnormalized) for the state at state[sOff..];
     * returns phiQ . z (the denominator). The inner loops run along contiguous state rows.
     */
    static float accumulateState(float[] phiQ, int qOff, float[] state, int sOff, int dHead, float[] out, int oOff) {
        int width = dHead + 1;
        for (int f = 0; f < dHead; f++) out[oOff + f] = 0.0f;
        float den = 0.0f;
        for (int e = 0; e < dHead; e++) {
            float p = phiQ[qOff + e];
            int r = sOff + e * width;
            for (int f = 0; f < dHead; f++) out[oOff + f] = KMath.fma(p, state[r + f], out[oOff + f]);
            den = KMath.fma(p, state[r + dHead], den);
        }
        return den;
    }

    /** Divides the row by the denominator; a row with no visible key (den = 0) stays zero. */
    static void normalize(float[] out, int oOff, int dHead, float den) {
        float inv = den > 0.0f ? 1.0f / den : 0.0f;
        for (int f = 0; f < dHead; f++) out[oOff + f] = out[oOff + f] * inv;
    }

    /** state row [sRow .. sRow + dHead] += p [v_j, 1] for keys j in from..to-1 of the block at base, p = phiK[j][e]. */
    static void addKeys(float[] phiK, float[] v, int base, int e, int from, int to, int dHead, float[] state, int sRow) {
        for (int j = from; j < to; j++) {
            float p = phiK[base + j * dHead + e];
            int vOff = base + j * dHead;
            for (int f = 0; f < dHead; f++) state[sRow + f] = KMath.fma(p, v[vOff + f], state[sRow + f]);
            state[sRow + dHead] += p;
        }
    }

    // ---------------------------------------------------------------- non-causal

    /**
     * state[bkv][e][f] = sum over the valid keys j of phiK_j[e] * v_j[f] (f < dHead) or phiK_j[e]
     * (f = dHead, the z column). One work-item per state row (e), walking the keys once with a
     * contiguous inner loop over f. Grid: 2D (dHead, batch*kvHeads).
     */
    public static void state(float[] phiK, float[] v, int[] validLength, float[] state, int batchKvHeads, int kvHeads, int seqK, int dHead) {
        for (@Parallel int bkv = 0; bkv < batchKvHeads; bkv++) {
            for (@Parallel int e = 0; e < dHead; e++) {
                int keys = KMath.min(validLength[bkv / kvHeads], seqK);
                int sRow = (bkv * dHead + e) * (dHead + 1);
                for (int f = 0; f <= dHead; f++) state[sRow + f] = 0.0f;
                addKeys(phiK, v, bkv * seqK * dHead, e, 0, keys, dHead, state, sRow);
            }
        }
    }

    /**
     * o_i = phiQ_i^T S / (phiQ_i . z) for every query row, from the state of its KV head
     * ([batch*kvHeads, dHead, dHead + 1]). Also the decode step's output (seqQ = 1).
     * Grid: 2D (seqQ, batch*heads).
     */
    public static void apply(float[] phiQ, float[] state, float[] out, int batchHeads, int heads, int kvHeads, int seqQ, int dHead) {
        for (@Parallel int bh = 0; bh < batchHeads; bh++) {
            for (@Parallel int i = 0; i < seqQ; i++) {
                int row = (bh * seqQ + i) * dHead;
                int sOff = Attention.kvHeadOf(bh, heads, kvHeads) * dHead * (dHead + 1);
                float den = accumulateState(phiQ, row, state, sOff, dHead, out, row);
                normalize(out, row, dHead, den);
            }
        }
    }

    // ---------------------------------------------------------------- causal: chunked prefix sums

    /** Chunks of the causal prefix states for seqK keys: ceil(seqK / CHUNK). */
    public static int chunks(int seqK) {
        return (seqK + CHUNK - 1) / CHUNK;
    }

    /**
     * prefix[bkv][c][e][f] = the state over keys 0 .. c*CHUNK - 1, for c = 0 .. chunks(seqK)
     * (c = 0 is all zeros): boundary c + 1 is boundary c plus chunk c's keys. One work-item per state
     * row (e). No padding mask is needed: a query reads the boundary below its last visible key,
     * and visible keys are valid keys. Grid: 2D (dHead, batch*kvHeads).
     */
    public static void prefixStates(float[] phiK, float[] v, float[] prefix, int batchKvHeads, int seqK, int dHead) {
        for (@Parallel int bkv = 0; bkv < batchKvHeads; bkv++) {
            for (@Parallel int e = 0; e < dHead; e++) {
                int width = dHead + 1;
                int chunkCount = (seqK + CHUNK - 1) / CHUNK;
                int stride = dHead * width;
                int row = (bkv * (chunkCount + 1) * dHead + e) * width;
                for (int f = 0; f <= dHead; f++) prefix[row + f] = 0.0f;
                for (int c = 0; c < chunkCount; c++) {
                    int next = row + (c + 1) * stride;
                    for (int f = 0; f <= dHead; f++) prefix[next + f] = prefix[next - stride + f];
                    addKeys(phiK, v, bkv * seqK * dHead, e, c * CHUNK, KMath.min(seqK, (c + 1) * CHUNK), dHead, prefix, next);
                }
            }
        }
    }

    /**
     * Causal output: a query that sees keys 0..n-1 starts from the prefix state at chunk n / CHUNK
     * and adds the remaining (fewer than CHUNK) keys one by one with weight phiQ.phiK_j.
     * Grid: 2D (seqQ, batch*heads).
     */
    public static void applyCausal(float[] phiQ, float[] phiK, float[] v, float[] prefix, int[] validLength, float[] out, int batchHeads, int heads,
                                   int kvHeads, int seqQ, int seqK, int dHead) {
        for (@Parallel int bh = 0; bh < batchHeads; bh++) {
            for (@Parallel int i = 0; i < seqQ; i++) {
                int kvHead = Attention.kvHeadOf(bh, heads, kvHeads);
                int n = Attention.visibleKeys(validLength[bh / heads], i, seqQ, seqK, 1);
                int full = n / CHUNK;
                int chunkCount = (seqK + CHUNK - 1) / CHUNK;
                int row = (bh * seqQ + i) * dHead;
                int sOff = (kvHead * (chunkCount + 1) + full) * dHead * (dHead + 1);
                float den = accumulateState(phiQ, row, prefix, sOff, dHead, out, row);
                int base = kvHead * seqK * dHead;
                for (int j = full * CHUNK; j < n; j++) {
                    int kOff = base + j * dHead;
                    float w = 0.0f;
                    for (int e = 0; e < dHead; e++) w = KMath.fma(phiQ[row + e], phiK[kOff + e], w);
                    den += w;
                    for (int f = 0; f < dHead; f++) out[row + f] = KMath.fma(w, v[kOff + f], out[row + f]);
                }
                normalize(out, row, dHead, den);
            }
        }
    }

    // ---------------------------------------------------------------- decode

    /**
     * One decode step's state update: stateOut[bkv] = stateIn[bkv] + phi(k) [v, 1]^T for the new
     * token's key and value ([batch, kvHeads, dHead] each); with {@code reset} = 1 (a sequence's
     * first token) stateIn is ignored. stateIn and stateOut may be the same array (a decoder keeps
     * one state; a benchmark keeps the step repeatable with two). Grid: 3D (dHead + 1, dHead, batch*kvHeads).
     */
    public static void decodeUpdate(float[] kNew, float[] vNew, float[] stateIn, float[] stateOut, int batchKvHeads, int dHead, int reset) {
        for (@Parallel int bkv = 0; bkv < batchKvHeads; bkv++) {
            for (@Parallel int e = 0; e < dHead; e++) {
                for (@Parallel int f = 0; f < dHead + 1; f++) {
                    int idx = (bkv * dHead + e) * (dHead + 1) + f;
                    float x = f < dHead ? vNew[bkv * dHead + f] : 1.0f;
                    float old = reset != 0 ? 0.0f : stateIn[idx];
                    stateOut[idx] = KMath.fma(phi(kNew[bkv * dHead + e]), x, old);
                }
            }
        }
    }
}
