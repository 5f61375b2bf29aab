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
 * the factorization the kernels use. 2. Non-causal: {@link #state} then {@link #apply}. 3. Causal,
 * chunked prefix sums: {@link #prefixStates} writes the running state at every CHUNK-th key
 * (chunk c holds the sum over keys below c * CHUNK), {@link #applyCausal} starts from the chunk
 * boundary below a query's last visible key and adds the few keys after it directly. 4. Decode:
 * {@link #decodeUpdate} adds one token's phi(k) [v, 1] to a state of O(dHead^2) per KV head, then
 * {@link #apply} with seqQ = 1 reads it: no cache that grows with the sequence.
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
     * out[oOff..] = phi(q)^T S (the numerator, unnormalized) for the state at state[sOff..];
     * returns phi(q) . z (the denominator).
     */
    static float accumulateState(float[] q, int qOff, float[] state, int sOff, int dHead, float[] out, int oOff) {
        int width = dHead + 1;
        for (int f = 0; f < dHead; f++) out[oOff + f] = 0.0f;
        float den = 0.0f;
        for (int e = 0; e < dHead; e++) {
            float p = phi(q[qOff + e]);
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

    // ---------------------------------------------------------------- non-causal

    /**
     * state[bkv][e][f] = sum over the valid keys j of phi(k_j[e]) * v_j[f] (f < dHead) or phi(k_j[e])
     * (f = dHead, the z column). Grid: 3D (dHead + 1, dHead, batch*kvHeads).
     */
    public static void state(float[] k, float[] v, int[] validLength, float[] state, int batchKvHeads, int kvHeads, int seqK, int dHead) {
        for (@Parallel int bkv = 0; bkv < batchKvHeads; bkv++) {
            for (@Parallel int e = 0; e < dHead; e++) {
                for (@Parallel int f = 0; f < dHead + 1; f++) {
                    int keys = KMath.min(validLength[bkv / kvHeads], seqK);
                    int base = bkv * seqK * dHead;
                    float acc = 0.0f;
                    if (f < dHead) {
                        for (int j = 0; j < keys; j++) acc = KMath.fma(phi(k[base + j * dHead + e]), v[base + j * dHead + f], acc);
                    } else {
                        for (int j = 0; j < keys; j++) acc += phi(k[base + j * dHead + e]);
                    }
                    state[(bkv * dHead + e) * (dHead + 1) + f] = acc;
                }
            }
        }
    }

    /**
     * o_i = phi(q_i)^T S / (phi(q_i) . z) for every query row, from the state of its KV head
     * ([batch*kvHeads, dHead, dHead + 1]). Also the decode step's output (seqQ = 1).
     * Grid: 2D (seqQ, batch*heads).
     */
    public static void apply(float[] q, float[] state, float[] out, int batchHeads, int heads, int kvHeads, int seqQ, int dHead) {
        for (@Parallel int bh = 0; bh < batchHeads; bh++) {
            for (@Parallel int i = 0; i < seqQ; i++) {
                int row = (bh * seqQ + i) * dHead;
                int sOff = Attention.kvHeadOf(bh, heads, kvHeads) * dHead * (dHead + 1);
                float den = accumulateState(q, row, state, sOff, dHead, out, row);
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
     * (c = 0 is all zeros). Each work-item scans its (e, f) entry over the keys once. No padding
     * mask is needed: a query reads the boundary below its last visible key, and visible keys are
     * valid keys. Grid: 3D (dHead + 1, dHead, batch*kvHeads).
     */
    public static void prefixStates(float[] k, float[] v, float[] prefix, int batchKvHeads, int seqK, int dHead) {
        for (@Parallel int bkv = 0; bkv < batchKvHeads; bkv++) {
            for (@Parallel int e = 0; e < dHead; e++) {
                for (@Parallel int f = 0; f < dHead + 1; f++) {
                    int width = dHead + 1;
                    int chunkCount = (seqK + CHUNK - 1) / CHUNK;
                    int base = bkv * seqK * dHead;
                    int out = (bkv * (chunkCount + 1) * dHead + e) * width + f;
                    int stride = dHead * width;
                    float acc = 0.0f;
                    for (int c = 0; c < chunkCount; c++) {
                        prefix[out + c * stride] = acc;
                        int end = KMath.min(seqK, (c + 1) * CHUNK);
                        if (f < dHead) {
                            for (int j = c * CHUNK; j < end; j++) acc = KMath.fma(phi(k[base + j * dHead + e]), v[base + j * dHead + f], acc);
                        } else {
                            for (int j = c * CHUNK; j < end; j++) acc += phi(k[base + j * dHead + e]);
                        }
                    }
                    prefix[out + chunkCount * stride] = acc;
                }
            }
        }
    }

    /**
     * Causal output: a query that sees keys 0..n-1 starts from the prefix state at chunk n / CHUNK
     * and adds the remaining (fewer than CHUNK) keys one by one with weight phi(q).phi(k_j).
     * Grid: 2D (seqQ, batch*heads).
     */
    public static void applyCausal(float[] q, float[] k, float[] v, float[] prefix, int[] validLength, float[] out, int batchHeads, int heads,
                                   int kvHeads, int seqQ, int seqK, int dHead) {
        for (@Parallel int bh = 0; bh < batchHeads; bh++) {
            for (@Parallel int i = 0; i < seqQ; i++) {
                int kvHead = Attention.kvHeadOf(bh, heads, kvHeads);
                int n = Attention.visibleKeys(validLength[bh / heads], i, seqQ, seqK, 1);
                int full = n / CHUNK;
                int chunkCount = (seqK + CHUNK - 1) / CHUNK;
                int row = (bh * seqQ + i) * dHead;
                int sOff = (kvHead * (chunkCount + 1) + full) * dHead * (dHead + 1);
                float den = accumulateState(q, row, prefix, sOff, dHead, out, row);
                int base = kvHead * seqK * dHead;
                for (int j = full * CHUNK; j < n; j++) {
                    int kOff = base + j * dHead;
                    float w = 0.0f;
                    for (int e = 0; e < dHead; e++) w = KMath.fma(phi(q[row + e]), phi(k[kOff + e]), w);
                    den += w;
                    for (int f = 0; f < dHead; f++) out[row + f] = KMath.fma(w, v[kOff + f], out[row + f]);
                }
                normalize(out, row, dHead, den);
            }
        }
    }

    // ---------------------------------------------------------------- decode

    /**
     * One decode step's state update: state[bkv] += phi(k) [v, 1]^T for the new token's key and
     * value ([batch, kvHeads, dHead] each), or state[bkv] = phi(k) [v, 1]^T when {@code reset} is
     * 1 (the first token of a sequence). Grid: 3D (dHead + 1, dHead, batch*kvHeads).
     */
    public static void decodeUpdate(float[] kNew, float[] vNew, float[] state, int batchKvHeads, int dHead, int reset) {
        for (@Parallel int bkv = 0; bkv < batchKvHeads; bkv++) {
            for (@Parallel int e = 0; e < dHead; e++) {
                for (@Parallel int f = 0; f < dHead + 1; f++) {
                    int idx = (bkv * dHead + e) * (dHead + 1) + f;
                    float x = f < dHead ? vNew[bkv * dHead + f] : 1.0f;
                    float old = reset != 0 ? 0.0f : state[idx];
                    state[idx] = KMath.fma(phi(kNew[bkv * dHead + e]), x, old);
                }
            }
        }
    }
}
