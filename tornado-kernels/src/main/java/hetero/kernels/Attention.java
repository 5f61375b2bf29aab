package hetero.kernels;

import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * Multi-head attention, O = softmax(score(Q, K) + mask) V, per (batch, head).
 *
 * <h2>Layout and conventions (shared by every variant)</h2>
 * <ul>
 * <li>Q and O: [batch, heads, seqQ, dHead]; K and V: [batch, kvHeads, seqK, dHead], row-major.
 *     Batch is an explicit leading dimension (a caller with one sequence passes batch = 1).
 *     kvHeads divides heads: query head h reads KV head h / (heads / kvHeads), which covers MHA
 *     (kvHeads = heads), GQA and MQA (kvHeads = 1).</li>
 * <li>Masks. Padding: sequence b has validLength[b] real keys, keys j >= validLength[b] get
 *     weight 0. Causal (bottom-right aligned, so it also serves prefill after a cache and a
 *     decode step): query i sits at position i + seqK - seqQ and sees keys j <= that position.
 *     Both masks keep a prefix of the keys, so every variant works with one number per row,
 *     {@link #visibleKeys}.</li>
 * <li>A query row that sees no key at all (validLength 0, or a causal row before the first key)
 *     yields an all-zero output row, matching the softmax convention (all -inf row -> zeros).
 *     Queries are never masked themselves: padded query rows of a batch get ordinary values;
 *     callers ignore them.</li>
 * <li>Scores: {@link #DOT} = scale * q.k (scale usually 1/sqrt(dHead)); {@link #COSINE} = scale *
 *     q.k / (|q| |k|) (scale acts as an inverse temperature; a zero vector scores 0);
 *     additive = vAtt . tanh(W q + U k) ({@link #additiveScores}, unfused path only).</li>
 * </ul>
 *
 * <h2>Lab notebook</h2>
 * 1. {@link #reference}: double precision. 2. Unfused: {@link #scores} into a [batch*heads,
 * seqQ, seqK] buffer, a {@link Softmax} kernel, {@link #weightedValues}; memory O(seq^2).
 * 3. {@link #flash}: one work-item per query row, online softmax over all keys, no score
 * buffer. 4. {@link #flashTiled}: a work-group of BLOCK_Q query rows streams K/V tiles through
 * local memory, so each K/V element is read from global memory once per group instead of once
 * per query. 5. Decode: {@link #decode} (a work-group per head splits the cache) and
 * {@link #decodeLoop}.
 */
public final class Attention {
    public static final int DOT = 0;
    public static final int COSINE = 1;

    static final float NEG_INF = Float.NEGATIVE_INFINITY;
    /** Cosine similarity: |q|^2 |k|^2 below this counts as a zero vector. */
    static final float COSINE_EPS = 1e-24f;

    /** flashTiled: query rows (work-items) per group, keys per K/V tile, largest head size. */
    public static final int BLOCK_Q = 32;
    public static final int BLOCK_K = 16;
    public static final int MAX_HEAD_DIM = 128;
    /** decode: work-items per (batch, head). A power of two. */
    public static final int DECODE_GROUP = 64;

    private Attention() {
    }

    // ---------------------------------------------------------------- reference (double)

    /** O for DOT or COSINE scoring, in double, following the conventions above. */
    public static float[] reference(float[] q, float[] k, float[] v, int[] validLength, int batch, int heads, int kvHeads,
                                    int seqQ, int seqK, int dHead, float scale, boolean causal, int scoreMode) {
        float[] out = new float[batch * heads * seqQ * dHead];
        int group = heads / kvHeads;
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int qBase = (b * heads + h) * seqQ * dHead;
                int kvBase = (b * kvHeads + h / group) * seqK * dHead;
                for (int i = 0; i < seqQ; i++) {
                    int keys = visibleKeys(validLength[b], i, seqQ, seqK, causal ? 1 : 0);
                    double[] s = new double[keys];
                    for (int j = 0; j < keys; j++) s[j] = referenceScore(q, qBase + i * dHead, k, kvBase + j * dHead, dHead, scale, scoreMode);
                    softmaxAndMix(s, v, kvBase, dHead, out, qBase + i * dHead);
                }
            }
        }
        return out;
    }

    /** Additive (Bahdanau) attention in double: score = vAtt . tanh(W q + U k), W and U [dAtt x dHead]. */
    public static float[] referenceAdditive(float[] q, float[] k, float[] v, float[] w, float[] u, float[] vAtt, int[] validLength,
                                            int batch, int heads, int kvHeads, int seqQ, int seqK, int dHead, int dAtt, boolean causal) {
        float[] out = new float[batch * heads * seqQ * dHead];
        int group = heads / kvHeads;
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int qBase = (b * heads + h) * seqQ * dHead;
                int kvBase = (b * kvHeads + h / group) * seqK * dHead;
                for (int i = 0; i < seqQ; i++) {
                    int keys = visibleKeys(validLength[b], i, seqQ, seqK, causal ? 1 : 0);
                    double[] s = new double[keys];
                    for (int j = 0; j < keys; j++) {
                        for (int a = 0; a < dAtt; a++) {
                            double wq = 0, uk = 0;
                            for (int d = 0; d < dHead; d++) {
                                wq += (double) w[a * dHead + d] * q[qBase + i * dHead + d];
                                uk += (double) u[a * dHead + d] * k[kvBase + j * dHead + d];
                            }
                            s[j] += vAtt[a] * Math.tanh(wq + uk);
                        }
                    }
                    softmaxAndMix(s, v, kvBase, dHead, out, qBase + i * dHead);
                }
            }
        }
        return out;
    }

    /** DOT or COSINE score of one query row against one key row, in double. */
    static double referenceScore(float[] q, int qOff, float[] k, int kOff, int dHead, float scale, int scoreMode) {
        double dot = 0, qq = 0, kk = 0;
        for (int d = 0; d < dHead; d++) {
            double x = q[qOff + d], y = k[kOff + d];
            dot += x * y;
            qq += x * x;
            kk += y * y;
        }
        return scoreMode == COSINE ? (qq * kk < COSINE_EPS ? 0 : scale * dot / Math.sqrt(qq * kk)) : scale * dot;
    }

    /** out[oBase..] = softmax(s) V over keys 0..s.length-1 from kvBase, in double (no key: untouched zeros). */
    static void softmaxAndMix(double[] s, float[] v, int kvBase, int dHead, float[] out, int oBase) {
        if (s.length == 0) return;   // no visible key: zeros
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double x : s) max = Math.max(max, x);
        for (int d = 0; d < dHead; d++) {
            double acc = 0;
            sum = 0;
            for (int j = 0; j < s.length; j++) {
                double p = Math.exp(s[j] - max);
                sum += p;
                acc += p * v[kvBase + j * dHead + d];
            }
            out[oBase + d] = (float) (acc / sum);
        }
    }

    // ---------------------------------------------------------------- shared device functions

    /** How many keys (a prefix 0..n-1) query row i may see under the padding and causal masks. */
    public static int visibleKeys(int validLength, int i, int seqQ, int seqK, int causal) {
        int n = validLength < seqK ? validLength : seqK;
        if (causal != 0) {
            int lastVisible = i + seqK - seqQ;   // bottom-right aligned diagonal
            if (lastVisible + 1 < n) n = lastVisible + 1;
        }
        return n > 0 ? n : 0;
    }

    /** The KV head (batch-major: b * kvHeads + head) that query head bh = b * heads + h reads. */
    static int kvHeadOf(int bh, int heads, int kvHeads) {
        return (bh / heads) * kvHeads + (bh % heads) / (heads / kvHeads);
    }

    /** The score of query row q[qOff..] against key row k[kOff..]. */
    static float score(float[] q, int qOff, float[] k, int kOff, int dHead, float scale, int scoreMode) {
        float dot = 0.0f;
        if (scoreMode == COSINE) {
            float qq = 0.0f, kk = 0.0f;
            for (int d = 0; d < dHead; d++) {
                float x = q[qOff + d], y = k[kOff + d];
                dot = Math.fma(x, y, dot);
                qq = Math.fma(x, x, qq);
                kk = Math.fma(y, y, kk);
            }
            float nn = qq * kk;
            return nn < COSINE_EPS ? 0.0f : scale * dot * (1f / TornadoMath.sqrt(nn));
        }
        for (int d = 0; d < dHead; d++) dot = Math.fma(q[qOff + d], k[kOff + d], dot);
        return scale * dot;
    }

    // ---------------------------------------------------------------- variant 2: unfused

    /**
     * scores[bh][i][j] = score(q_i, k_j), -infinity where masked. Grid: 3D (seqK, seqQ, batch*heads).
     */
    public static void scores(float[] q, float[] k, int[] validLength, float[] scores, int batch, int heads, int kvHeads,
                              int seqQ, int seqK, int dHead, float scale, int causal, int scoreMode) {
        for (@Parallel int j = 0; j < seqK; j++) {
            for (@Parallel int i = 0; i < seqQ; i++) {
                for (@Parallel int bh = 0; bh < batch * heads; bh++) {
                    int b = bh / heads;
                    int kvHead = b * kvHeads + (bh % heads) / (heads / kvHeads);
                    int keys = visibleKeys(validLength[b], i, seqQ, seqK, causal);
                    float s = NEG_INF;
                    if (j < keys) s = score(q, (bh * seqQ + i) * dHead, k, (kvHead * seqK + j) * dHead, dHead, scale, scoreMode);
                    scores[(bh * seqQ + i) * seqK + j] = s;
                }
            }
        }
    }

    /**
     * Additive scores from precomputed projections wq = Q W^T [batch*heads*seqQ, dAtt] and
     * uk = K U^T [batch*kvHeads*seqK, dAtt] (two GEMMs), so the pair loop costs dAtt tanh's.
     * Grid: 3D (seqK, seqQ, batch*heads).
     */
    public static void additiveScores(float[] wq, float[] uk, float[] vAtt, int[] validLength, float[] scores, int batch, int heads,
                                      int kvHeads, int seqQ, int seqK, int dAtt, int causal) {
        for (@Parallel int j = 0; j < seqK; j++) {
            for (@Parallel int i = 0; i < seqQ; i++) {
                for (@Parallel int bh = 0; bh < batch * heads; bh++) {
                    int b = bh / heads;
                    int kvHead = b * kvHeads + (bh % heads) / (heads / kvHeads);
                    int keys = visibleKeys(validLength[b], i, seqQ, seqK, causal);
                    float s = NEG_INF;
                    if (j < keys) {
                        int qo = (bh * seqQ + i) * dAtt;
                        int ko = (kvHead * seqK + j) * dAtt;
                        s = 0.0f;
                        for (int a = 0; a < dAtt; a++) s = Math.fma(vAtt[a], TornadoMath.tanh(wq[qo + a] + uk[ko + a]), s);
                    }
                    scores[(bh * seqQ + i) * seqK + j] = s;
                }
            }
        }
    }

    /**
     * out[bh][i][d] = sum over visible j of p[bh][i][j] v[kvHead][j][d]. The sum stops at the
     * visible prefix rather than trusting p = 0: a padded V row may hold anything (0 * NaN is
     * NaN), and a causal row skips half the work. Grid: 3D (dHead, seqQ, batch*heads).
     */
    public static void weightedValues(float[] p, float[] v, int[] validLength, float[] out, int batch, int heads, int kvHeads,
                                      int seqQ, int seqK, int dHead, int causal) {
        for (@Parallel int d = 0; d < dHead; d++) {
            for (@Parallel int i = 0; i < seqQ; i++) {
                for (@Parallel int bh = 0; bh < batch * heads; bh++) {
                    int b = bh / heads;
                    int kvHead = b * kvHeads + (bh % heads) / (heads / kvHeads);
                    int keys = visibleKeys(validLength[b], i, seqQ, seqK, causal);
                    int pRow = (bh * seqQ + i) * seqK;
                    int vBase = kvHead * seqK * dHead + d;
                    float acc = 0.0f;
                    for (int j = 0; j < keys; j++) acc = Math.fma(p[pRow + j], v[vBase + j * dHead], acc);
                    out[(bh * seqQ + i) * dHead + d] = acc;
                }
            }
        }
    }

    // ---------------------------------------------------------------- variant 3: fused, one work-item per query

    /**
     * Flash-style, one work-item per query row: a single pass over the visible keys with the
     * online softmax (running max m, running sum l, the output row rescaled by exp(m_old - m_new)
     * when m grows). No score matrix exists. The output row itself is the accumulator (the
     * kernel language has no private arrays). Grid: 2D (seqQ, batch*heads).
     */
    public static void flash(float[] q, float[] k, float[] v, int[] validLength, float[] out, int batch, int heads, int kvHeads,
                             int seqQ, int seqK, int dHead, float scale, int causal, int scoreMode) {
        for (@Parallel int i = 0; i < seqQ; i++) {
            for (@Parallel int bh = 0; bh < batch * heads; bh++) {
                int b = bh / heads;
                int kvHead = b * kvHeads + (bh % heads) / (heads / kvHeads);
                int keys = visibleKeys(validLength[b], i, seqQ, seqK, causal);
                int row = (bh * seqQ + i) * dHead;
                attendRow(q, row, k, v, kvHead * seqK * dHead, keys, dHead, scale, scoreMode, out, row);
            }
        }
    }

    /** Online-softmax attention of one query row over keys 0..keys-1 starting at kvOff; writes out[oOff..]. */
    static void attendRow(float[] q, int qOff, float[] k, float[] v, int kvOff, int keys, int dHead, float scale, int scoreMode,
                          float[] out, int oOff) {
        for (int d = 0; d < dHead; d++) out[oOff + d] = 0.0f;
        float m = NEG_INF;
        float l = 0.0f;
        for (int j = 0; j < keys; j++) {
            float s = score(q, qOff, k, kvOff + j * dHead, dHead, scale, scoreMode);
            if (s > m) {
                float alpha = TornadoMath.exp(m - s);   // 0 for the first key (m = -inf)
                for (int d = 0; d < dHead; d++) out[oOff + d] = out[oOff + d] * alpha;
                l = l * alpha;
                m = s;
            }
            float p = TornadoMath.exp(s - m);
            l += p;
            int vOff = kvOff + j * dHead;
            for (int d = 0; d < dHead; d++) out[oOff + d] = Math.fma(p, v[vOff + d], out[oOff + d]);
        }
        float inv = l > 0.0f ? 1.0f / l : 0.0f;   // no visible key: the row stays zero
        for (int d = 0; d < dHead; d++) out[oOff + d] = out[oOff + d] * inv;
    }

    // ---------------------------------------------------------------- variant 4: fused, K/V tiles in local memory

    /**
     * Flash attention with a work-group of BLOCK_Q query rows (one per work-item) of one
     * (batch, head). The group streams K and V through local memory BLOCK_K keys at a time; for
     * each tile every item computes its BLOCK_K scores, takes the tile max, rescales its
     * accumulator once, and adds p V. The accumulator lives in local memory, transposed
     * (acc[d][row]) so that neighbouring work-items touch neighbouring banks.
     * Causal: the group stops at the last key its last row can see (a uniform bound, so every
     * item reaches every barrier); rows that see fewer keys skip the rest of the tile.
     * Needs dHead <= MAX_HEAD_DIM. Grid: 2D (ceil(seqQ/BLOCK_Q)*BLOCK_Q, batch*heads), local (BLOCK_Q, 1).
     */
    public static void flashTiled(KernelContext ctx, float[] q, float[] k, float[] v, int[] validLength, float[] out, int batch, int heads,
                                  int kvHeads, int seqQ, int seqK, int dHead, float scale, int causal, int scoreMode) {
        float[] kTile = ctx.allocateFloatLocalArray(BLOCK_K * MAX_HEAD_DIM);
        float[] vTile = ctx.allocateFloatLocalArray(BLOCK_K * MAX_HEAD_DIM);
        float[] kNormSq = ctx.allocateFloatLocalArray(BLOCK_K);
        float[] pTile = ctx.allocateFloatLocalArray(BLOCK_K * BLOCK_Q);
        float[] acc = ctx.allocateFloatLocalArray(MAX_HEAD_DIM * BLOCK_Q);

        int lid = ctx.localIdx;
        int bh = ctx.groupIdy;
        int firstRow = ctx.groupIdx * BLOCK_Q;
        int i = firstRow + lid;
        int b = bh / heads;
        int kvHead = b * kvHeads + (bh % heads) / (heads / kvHeads);
        int kvOff = kvHead * seqK * dHead;
        int qOff = (bh * seqQ + i) * dHead;
        boolean rowActive = i < seqQ;

        int lastRow = firstRow + BLOCK_Q - 1 < seqQ - 1 ? firstRow + BLOCK_Q - 1 : seqQ - 1;
        int groupKeys = visibleKeys(validLength[b], lastRow, seqQ, seqK, causal);
        int myKeys = rowActive ? visibleKeys(validLength[b], i, seqQ, seqK, causal) : 0;

        float qNormSq = 0.0f;
        if (rowActive && scoreMode == COSINE) for (int d = 0; d < dHead; d++) qNormSq = Math.fma(q[qOff + d], q[qOff + d], qNormSq);
        for (int d = 0; d < dHead; d++) acc[d * BLOCK_Q + lid] = 0.0f;
        float m = NEG_INF;
        float l = 0.0f;

        for (int k0 = 0; k0 < groupKeys; k0 += BLOCK_K) {
            int tileKeys = groupKeys - k0 < BLOCK_K ? groupKeys - k0 : BLOCK_K;
            loadTile(k, v, kTile, vTile, kvOff + k0 * dHead, tileKeys * dHead, lid);
            ctx.localBarrier();
            if (scoreMode == COSINE) {
                tileNormsSq(kTile, kNormSq, tileKeys, dHead, lid);
                ctx.localBarrier();
            }

            int n = myKeys - k0 < tileKeys ? myKeys - k0 : tileKeys;   // keys of this tile that row i sees
            if (n > 0) {
                float tileMax = NEG_INF;
                for (int jj = 0; jj < n; jj++) {
                    float dot = 0.0f;
                    for (int d = 0; d < dHead; d++) dot = Math.fma(q[qOff + d], kTile[jj * dHead + d], dot);
                    float s = scale * dot;
                    if (scoreMode == COSINE) {
                        float nn = qNormSq * kNormSq[jj];
                        s = nn < COSINE_EPS ? 0.0f : s * (1f / TornadoMath.sqrt(nn));
                    }
                    pTile[jj * BLOCK_Q + lid] = s;
                    tileMax = TornadoMath.max(tileMax, s);
                }
                float newM = TornadoMath.max(m, tileMax);
                float alpha = TornadoMath.exp(m - newM);   // 0 on the first tile
                l = l * alpha;
                for (int jj = 0; jj < n; jj++) {
                    float p = TornadoMath.exp(pTile[jj * BLOCK_Q + lid] - newM);
                    pTile[jj * BLOCK_Q + lid] = p;
                    l += p;
                }
                m = newM;
                for (int d = 0; d < dHead; d++) {
                    float a = acc[d * BLOCK_Q + lid] * alpha;
                    for (int jj = 0; jj < n; jj++) a = Math.fma(pTile[jj * BLOCK_Q + lid], vTile[jj * dHead + d], a);
                    acc[d * BLOCK_Q + lid] = a;
                }
            }
            // The next tile overwrites kTile/vTile: wait until everyone is done with this one.
            ctx.localBarrier();
        }

        if (rowActive) {
            float inv = l > 0.0f ? 1.0f / l : 0.0f;
            for (int d = 0; d < dHead; d++) out[qOff + d] = acc[d * BLOCK_Q + lid] * inv;
        }
    }

    /** Cooperative, contiguous load of a K/V tile (its rows are consecutive in memory) by the BLOCK_Q items of a group. */
    static void loadTile(float[] k, float[] v, float[] kTile, float[] vTile, int tileBase, int elements, int lid) {
        for (int e = lid; e < elements; e += BLOCK_Q) {
            kTile[e] = k[tileBase + e];
            vTile[e] = v[tileBase + e];
        }
    }

    /** |k_jj|^2 of the tile's keys (cosine scoring), shared by the group's items. */
    static void tileNormsSq(float[] kTile, float[] kNormSq, int tileKeys, int dHead, int lid) {
        for (int jj = lid; jj < tileKeys; jj += BLOCK_Q) {
            float kk = 0.0f;
            for (int d = 0; d < dHead; d++) kk = Math.fma(kTile[jj * dHead + d], kTile[jj * dHead + d], kk);
            kNormSq[jj] = kk;
        }
    }

    // ---------------------------------------------------------------- variant 4b: fused, K/V tiles in local memory, private accumulators

    /**
     * flashTiled's schedule (a group of BLOCK_Q query rows of one (batch, head), K/V tiles of BLOCK_K
     * keys in local memory, the group stopping at the last key its last row sees, so fully masked
     * causal tiles are never loaded) with each work-item's state in private arrays, as FlashAttention
     * 2 keeps it in registers: its query row (read from global memory once instead of once per
     * tile), its output accumulator and its tile of weights. Local memory holds only the shared K/V
     * tiles. Needs dHead <= MAX_HEAD_DIM. Grid: 2D (ceil(seqQ/BLOCK_Q)*BLOCK_Q, batch*heads), local (BLOCK_Q, 1).
     */
    public static void flashPrivate(KernelContext ctx, float[] q, float[] k, float[] v, int[] validLength, float[] out, int batch, int heads,
                                    int kvHeads, int seqQ, int seqK, int dHead, float scale, int causal, int scoreMode) {
        float[] kTile = ctx.allocateFloatLocalArray(BLOCK_K * MAX_HEAD_DIM);
        float[] vTile = ctx.allocateFloatLocalArray(BLOCK_K * MAX_HEAD_DIM);
        float[] kNormSq = ctx.allocateFloatLocalArray(BLOCK_K);
        float[] qRow = new float[dHead];
        float[] acc = new float[dHead];
        float[] p = new float[BLOCK_K];

        int lid = ctx.localIdx;
        int bh = ctx.groupIdy;
        int firstRow = ctx.groupIdx * BLOCK_Q;
        int i = firstRow + lid;
        int b = bh / heads;
        int kvOff = kvHeadOf(bh, heads, kvHeads) * seqK * dHead;
        int qOff = (bh * seqQ + i) * dHead;
        boolean rowActive = i < seqQ;

        int lastRow = firstRow + BLOCK_Q - 1 < seqQ - 1 ? firstRow + BLOCK_Q - 1 : seqQ - 1;
        int groupKeys = visibleKeys(validLength[b], lastRow, seqQ, seqK, causal);
        int myKeys = rowActive ? visibleKeys(validLength[b], i, seqQ, seqK, causal) : 0;

        float qNormSq = 0.0f;
        if (rowActive) {
            for (int d = 0; d < dHead; d++) qRow[d] = q[qOff + d];
            if (scoreMode == COSINE) for (int d = 0; d < dHead; d++) qNormSq = Math.fma(qRow[d], qRow[d], qNormSq);
        }
        float m = NEG_INF;
        float l = 0.0f;

        for (int k0 = 0; k0 < groupKeys; k0 += BLOCK_K) {
            int tileKeys = groupKeys - k0 < BLOCK_K ? groupKeys - k0 : BLOCK_K;
            loadTile(k, v, kTile, vTile, kvOff + k0 * dHead, tileKeys * dHead, lid);
            ctx.localBarrier();
            if (scoreMode == COSINE) {
                tileNormsSq(kTile, kNormSq, tileKeys, dHead, lid);
                ctx.localBarrier();
            }

            int n = myKeys - k0 < tileKeys ? myKeys - k0 : tileKeys;   // keys of this tile that row i sees
            if (n > 0) {
                float tileMax = NEG_INF;
                for (int jj = 0; jj < n; jj++) {
                    float dot = 0.0f;
                    for (int d = 0; d < dHead; d++) dot = Math.fma(qRow[d], kTile[jj * dHead + d], dot);
                    float s = scale * dot;
                    if (scoreMode == COSINE) {
                        float nn = qNormSq * kNormSq[jj];
                        s = nn < COSINE_EPS ? 0.0f : s * (1f / TornadoMath.sqrt(nn));
                    }
                    p[jj] = s;
                    tileMax = TornadoMath.max(tileMax, s);
                }
                float newM = TornadoMath.max(m, tileMax);
                float alpha = TornadoMath.exp(m - newM);   // 0 on the first tile
                l = l * alpha;
                for (int jj = 0; jj < n; jj++) {
                    float e = TornadoMath.exp(p[jj] - newM);
                    p[jj] = e;
                    l += e;
                }
                m = newM;
                for (int d = 0; d < dHead; d++) {
                    float a = acc[d] * alpha;
                    for (int jj = 0; jj < n; jj++) a = Math.fma(p[jj], vTile[jj * dHead + d], a);
                    acc[d] = a;
                }
            }
            // The next tile overwrites kTile/vTile: wait until everyone is done with this one.
            ctx.localBarrier();
        }

        if (rowActive) {
            float inv = l > 0.0f ? 1.0f / l : 0.0f;
            for (int d = 0; d < dHead; d++) out[qOff + d] = acc[d] * inv;
        }
    }

    // ---------------------------------------------------------------- variant 5: decode step over a KV cache

    /*
     * Decode: one new query per (batch, head), q and out [batch, heads, dHead]; the caches are
     * [batch, kvHeads, capacity, dHead] of which the first `length` positions are filled
     * (validLength[b] <= length further limits sequence b). The new token sees the whole cache,
     * so there is no causal mask. With a single query per head there is no query reuse to tile
     * for; the parallelism has to come from splitting the keys.
     */

    /** One work-item per (batch, head), online softmax over the cache. Grid: 1D (batch*heads). */
    public static void decodeLoop(float[] q, float[] kCache, float[] vCache, int[] validLength, float[] out, int batch, int heads,
                                  int kvHeads, int length, int capacity, int dHead, float scale, int scoreMode) {
        for (@Parallel int bh = 0; bh < batch * heads; bh++) {
            int b = bh / heads;
            int kvHead = b * kvHeads + (bh % heads) / (heads / kvHeads);
            int keys = validLength[b] < length ? validLength[b] : length;
            attendRow(q, bh * dHead, kCache, vCache, kvHead * capacity * dHead, keys, dHead, scale, scoreMode, out, bh * dHead);
        }
    }

    /**
     * One work-group of DECODE_GROUP items per (batch, head): items score strided keys into the
     * scratch row scores[bh][0..capacity), a local-memory reduction gives the max and then the
     * sum of exp, and finally the items split dHead to form p V. Grid: 1D (batch*heads*DECODE_GROUP), local DECODE_GROUP.
     */
    public static void decode(KernelContext ctx, float[] q, float[] kCache, float[] vCache, int[] validLength, float[] scores, float[] out,
                              int batch, int heads, int kvHeads, int length, int capacity, int dHead, float scale, int scoreMode) {
        float[] partial = ctx.allocateFloatLocalArray(DECODE_GROUP);
        int bh = ctx.groupIdx;
        int lid = ctx.localIdx;
        int b = bh / heads;
        int kvOff = (b * kvHeads + (bh % heads) / (heads / kvHeads)) * capacity * dHead;
        int sOff = bh * capacity;
        int qOff = bh * dHead;
        int keys = validLength[b] < length ? validLength[b] : length;

        float localMax = NEG_INF;
        for (int j = lid; j < keys; j += DECODE_GROUP) {
            float s = score(q, qOff, kCache, kvOff + j * dHead, dHead, scale, scoreMode);
            scores[sOff + j] = s;
            localMax = TornadoMath.max(localMax, s);
        }
        float max = groupMax(ctx, partial, lid, localMax);

        float localSum = 0.0f;
        for (int j = lid; j < keys; j += DECODE_GROUP) {
            float p = TornadoMath.exp(scores[sOff + j] - max);
            scores[sOff + j] = p;
            localSum += p;
        }
        float sum = groupSum(ctx, partial, lid, localSum);
        ctx.globalBarrier();   // the p values written by other items (global memory) are read below

        float inv = sum > 0.0f ? 1.0f / sum : 0.0f;
        for (int d = lid; d < dHead; d += DECODE_GROUP) {
            float a = 0.0f;
            for (int j = 0; j < keys; j++) a = Math.fma(scores[sOff + j], vCache[kvOff + j * dHead + d], a);
            out[qOff + d] = a * inv;
        }
    }

    /*
     * Flash-decoding (split-K decode): with one query per head there are only batch*heads rows, too
     * few to fill a GPU (or, with small batch and GQA, even a CPU's cores), and a single group per
     * head walks the whole cache alone. Here the cache is cut into chunks of DECODE_CHUNK keys, each
     * chunk one work-group; every group leaves its unnormalized output with its own max and sum, and
     * a second kernel rescales and adds them (log-sum-exp): with M = max_c m_c,
     * out = sum_c e^(m_c - M) acc_c / sum_c e^(m_c - M) l_c.
     */

    /** Flash-decoding: keys per chunk (one work-group each); a chunk's weights sit in local memory. */
    public static final int DECODE_CHUNK = 256;

    /** Floats per (batch*head, chunk) partial: dHead unnormalized outputs, then the chunk's max and sum of exp. */
    public static int decodePartialSize(int dHead) {
        return dHead + 2;
    }

    /**
     * Flash-decoding, step 1: work-group (c, bh) of DECODE_GROUP items attends query bh to the keys
     * c*DECODE_CHUNK .. +DECODE_CHUNK-1 that it sees (a chunk past the visible keys loads nothing and
     * leaves max -inf, sum 0). Items score strided keys into local memory, the group reduces max and
     * sum, then the items split dHead for p V. Writes partials[(bh*chunks + c)*(dHead+2) ..].
     * Grid: 2D (chunks*DECODE_GROUP, batch*heads), local (DECODE_GROUP, 1).
     */
    public static void decodeSplit(KernelContext ctx, float[] q, float[] kCache, float[] vCache, int[] validLength, float[] partials,
                                   int batch, int heads, int kvHeads, int length, int capacity, int dHead, float scale, int scoreMode,
                                   int chunks) {
        float[] partial = ctx.allocateFloatLocalArray(DECODE_GROUP);
        float[] weights = ctx.allocateFloatLocalArray(DECODE_CHUNK);
        int c = ctx.groupIdx;
        int bh = ctx.groupIdy;
        int lid = ctx.localIdx;
        int b = bh / heads;
        int kvOff = kvHeadOf(bh, heads, kvHeads) * capacity * dHead;
        int qOff = bh * dHead;
        int keys = validLength[b] < length ? validLength[b] : length;
        int first = c * DECODE_CHUNK;
        int n = keys - first < DECODE_CHUNK ? keys - first : DECODE_CHUNK;   // <= 0: nothing visible in this chunk

        float localMax = NEG_INF;
        for (int jj = lid; jj < n; jj += DECODE_GROUP) {
            float s = score(q, qOff, kCache, kvOff + (first + jj) * dHead, dHead, scale, scoreMode);
            weights[jj] = s;
            localMax = TornadoMath.max(localMax, s);
        }
        float max = groupMax(ctx, partial, lid, localMax);

        float localSum = 0.0f;
        for (int jj = lid; jj < n; jj += DECODE_GROUP) {
            float p = TornadoMath.exp(weights[jj] - max);
            weights[jj] = p;
            localSum += p;
        }
        float sum = groupSum(ctx, partial, lid, localSum);   // its barriers also publish the weights

        int po = (bh * chunks + c) * decodePartialSize(dHead);
        for (int d = lid; d < dHead; d += DECODE_GROUP) {
            float a = 0.0f;
            int vo = kvOff + first * dHead + d;
            for (int jj = 0; jj < n; jj++) a = Math.fma(weights[jj], vCache[vo + jj * dHead], a);
            partials[po + d] = a;
        }
        if (lid == 0) {
            partials[po + dHead] = max;
            partials[po + dHead + 1] = sum;
        }
    }

    /**
     * Flash-decoding, step 1, shaped for CPU OpenCL drivers: one work-item per (chunk, bh) instead of
     * a work-group, so a chunk's keys stream through one core's cache. Four keys at a time: four
     * independent dot products (one q load per four FMAs, four dependency chains instead of one), one
     * max/rescale test per four keys, and p V with one accumulator load and store per four FMAs in a
     * contiguous loop over d. The unnormalized output is accumulated in a private array (registers).
     * Writes the same partials as {@link #decodeSplit}. Grid: 2D (chunks, batch*heads).
     */
    public static void decodeSplitStrip(float[] q, float[] kCache, float[] vCache, int[] validLength, float[] partials, int batch, int heads,
                                        int kvHeads, int length, int capacity, int dHead, float scale, int scoreMode, int chunk, int chunks) {
        for (@Parallel int c = 0; c < chunks; c++) {
            for (@Parallel int bh = 0; bh < batch * heads; bh++) {
                int b = bh / heads;
                int kvOff = kvHeadOf(bh, heads, kvHeads) * capacity * dHead;
                int qOff = bh * dHead;
                int keys = validLength[b] < length ? validLength[b] : length;
                int first = c * chunk;
                int end = first + chunk < keys ? first + chunk : keys;
                int po = (bh * chunks + c) * decodePartialSize(dHead);
                float[] acc = new float[dHead];
                float m = NEG_INF;
                float l = 0.0f;
                int j = first;
                for (; j + 3 < end; j += 4) {
                    int o0 = kvOff + j * dHead, o1 = o0 + dHead, o2 = o1 + dHead, o3 = o2 + dHead;
                    float s0, s1, s2, s3;
                    if (scoreMode == COSINE) {
                        s0 = score(q, qOff, kCache, o0, dHead, scale, scoreMode);
                        s1 = score(q, qOff, kCache, o1, dHead, scale, scoreMode);
                        s2 = score(q, qOff, kCache, o2, dHead, scale, scoreMode);
                        s3 = score(q, qOff, kCache, o3, dHead, scale, scoreMode);
                    } else {
                        float t0 = 0.0f, t1 = 0.0f, t2 = 0.0f, t3 = 0.0f;
                        for (int d = 0; d < dHead; d++) {
                            float x = q[qOff + d];
                            t0 = Math.fma(x, kCache[o0 + d], t0);
                            t1 = Math.fma(x, kCache[o1 + d], t1);
                            t2 = Math.fma(x, kCache[o2 + d], t2);
                            t3 = Math.fma(x, kCache[o3 + d], t3);
                        }
                        s0 = scale * t0;
                        s1 = scale * t1;
                        s2 = scale * t2;
                        s3 = scale * t3;
                    }
                    float mNew = TornadoMath.max(m, TornadoMath.max(TornadoMath.max(s0, s1), TornadoMath.max(s2, s3)));
                    if (mNew > m) {
                        float alpha = TornadoMath.exp(m - mNew);   // 0 for the first keys (m = -inf)
                        for (int d = 0; d < dHead; d++) acc[d] = acc[d] * alpha;
                        l = l * alpha;
                        m = mNew;
                    }
                    float p0 = TornadoMath.exp(s0 - m), p1 = TornadoMath.exp(s1 - m), p2 = TornadoMath.exp(s2 - m), p3 = TornadoMath.exp(s3 - m);
                    l = l + p0 + p1 + p2 + p3;
                    for (int d = 0; d < dHead; d++) {
                        acc[d] = Math.fma(p3, vCache[o3 + d], Math.fma(p2, vCache[o2 + d], Math.fma(p1, vCache[o1 + d], Math.fma(p0, vCache[o0 + d], acc[d]))));
                    }
                }
                for (; j < end; j++) {
                    int o = kvOff + j * dHead;
                    float s = score(q, qOff, kCache, o, dHead, scale, scoreMode);
                    if (s > m) {
                        float alpha = TornadoMath.exp(m - s);
                        for (int d = 0; d < dHead; d++) acc[d] = acc[d] * alpha;
                        l = l * alpha;
                        m = s;
                    }
                    float p = TornadoMath.exp(s - m);
                    l += p;
                    for (int d = 0; d < dHead; d++) acc[d] = Math.fma(p, vCache[o + d], acc[d]);
                }
                for (int d = 0; d < dHead; d++) partials[po + d] = acc[d];
                partials[po + dHead] = m;
                partials[po + dHead + 1] = l;
            }
        }
    }

    /**
     * Flash-decoding, step 2: out[bh][d] from the chunks' partials with the log-sum-exp rescale.
     * No visible key at all (every chunk's max -inf) gives 0. Grid: 2D (dHead, batch*heads).
     */
    public static void decodeCombine(float[] partials, float[] out, int batchHeads, int chunks, int dHead) {
        for (@Parallel int d = 0; d < dHead; d++) {
            for (@Parallel int bh = 0; bh < batchHeads; bh++) {
                int size = decodePartialSize(dHead);
                int base = bh * chunks * size;
                float m = NEG_INF;
                for (int c = 0; c < chunks; c++) m = TornadoMath.max(m, partials[base + c * size + dHead]);
                float o = 0.0f;
                float l = 0.0f;
                if (m != NEG_INF) {
                    for (int c = 0; c < chunks; c++) {
                        int pc = base + c * size;
                        float w = TornadoMath.exp(partials[pc + dHead] - m);   // 0 for an empty chunk (max -inf)
                        l = Math.fma(w, partials[pc + dHead + 1], l);
                        o = Math.fma(w, partials[pc + d], o);
                    }
                }
                out[bh * dHead + d] = l > 0.0f ? o / l : 0.0f;
            }
        }
    }

    static float groupMax(KernelContext ctx, float[] partial, int lid, float value) {
        partial[lid] = value;
        ctx.localBarrier();
        for (int s = DECODE_GROUP / 2; s > 0; s = s / 2) {
            if (lid < s) partial[lid] = TornadoMath.max(partial[lid], partial[lid + s]);
            ctx.localBarrier();
        }
        float result = partial[0];
        ctx.localBarrier();
        return result;
    }

    static float groupSum(KernelContext ctx, float[] partial, int lid, float value) {
        partial[lid] = value;
        ctx.localBarrier();
        for (int s = DECODE_GROUP / 2; s > 0; s = s / 2) {
            if (lid < s) partial[lid] = partial[lid] + partial[lid + s];
            ctx.localBarrier();
        }
        float result = partial[0];
        ctx.localBarrier();
        return result;
    }

    // ---------------------------------------------------------------- variant 6: fused, CPU-OpenCL friendly (strips)

    /*
     * flashStrip: the shape of loops a CPU OpenCL driver (PoCL) vectorizes well. Its work-item loop
     * vectorizer turns non-uniform loads into gathers, but LLVM's innermost-loop vectorizer handles
     * contiguous inner loops, so every inner loop here walks contiguous memory with no reduction
     * (strict FP forbids vectorizing reductions):
     *  - scores of 4 query rows against STRIP_KEYS keys as outer products over d, from K stored
     *    transposed (kT [batch*kvHeads, dHead, seqK], made by transposeK), the inner loop over keys;
     *  - online softmax per row (the exp loop is separate from the sum, so it vectorizes);
     *  - O += P V with the inner loop over d.
     * Scores, accumulators and running (max, sum) live in per-work-item scratch (global, L1-sized),
     * since the kernel language has no private arrays: scores [STRIP_Q x STRIP_KEYS], never S x S.
     * DOT scoring only. Rows past seqQ repeat the last row and are not stored.
     */
    public static final int STRIP_Q = 4;
    public static final int STRIP_KEYS = 64;

    /** kT[(bkv*dHead + d)*seqK + j] = k[(bkv*seqK + j)*dHead + d]. Grid: 3D (seqK, dHead, batch*kvHeads). */
    public static void transposeK(float[] k, float[] kT, int batchKvHeads, int seqK, int dHead) {
        for (@Parallel int j = 0; j < seqK; j++) {
            for (@Parallel int d = 0; d < dHead; d++) {
                for (@Parallel int bkv = 0; bkv < batchKvHeads; bkv++) {
                    kT[(bkv * dHead + d) * seqK + j] = k[(bkv * seqK + j) * dHead + d];
                }
            }
        }
    }

    /**
     * Grid: 2D (ceil(seqQ/4) rounded up to the local size, batch*heads). Scratch {@code work},
     * {@link #stripScratch} floats per work-item: scores 4*STRIP_KEYS, acc 4*dHead, stats 8
     * (running max, then running sum, per row).
     */
    public static void flashStrip(KernelContext ctx, float[] q, float[] kT, float[] v, int[] validLength, float[] out, float[] work,
                                  int heads, int kvHeads, int seqQ, int seqK, int dHead, float scale, int causal) {
        float[] scores = work;
        float[] acc = work;
        float[] stats = work;
        int qBlocks = (seqQ + STRIP_Q - 1) / STRIP_Q;
        int qb = ctx.globalIdx;
        int bh = ctx.globalIdy;
        if (qb >= qBlocks) return;
        int b = bh / heads;
        int kvHead = b * kvHeads + (bh % heads) / (heads / kvHeads);
        int wi = bh * qBlocks + qb;
        int i0 = qb * STRIP_Q;
        int last = seqQ - 1;
        int i1 = TornadoMath.min(i0 + 1, last), i2 = TornadoMath.min(i0 + 2, last), i3 = TornadoMath.min(i0 + 3, last);
        int n0 = visibleKeys(validLength[b], i0, seqQ, seqK, causal), n1 = visibleKeys(validLength[b], i1, seqQ, seqK, causal);
        int n2 = visibleKeys(validLength[b], i2, seqQ, seqK, causal), n3 = visibleKeys(validLength[b], i3, seqQ, seqK, causal);
        int keys = TornadoMath.max(TornadoMath.max(n0, n1), TornadoMath.max(n2, n3));
        int q0 = (bh * seqQ + i0) * dHead, q1 = (bh * seqQ + i1) * dHead, q2 = (bh * seqQ + i2) * dHead, q3 = (bh * seqQ + i3) * dHead;
        int s0 = wi * stripScratch(dHead), s1 = s0 + STRIP_KEYS, s2 = s1 + STRIP_KEYS, s3 = s2 + STRIP_KEYS;
        int a0 = s0 + STRIP_Q * STRIP_KEYS, a1 = a0 + dHead, a2 = a1 + dHead, a3 = a2 + dHead;
        int st = a0 + STRIP_Q * dHead;
        int ktBase = kvHead * dHead * seqK;
        int vBase = kvHead * seqK * dHead;
        for (int d = 0; d < STRIP_Q * dHead; d++) acc[a0 + d] = 0.0f;
        for (int r = 0; r < STRIP_Q; r++) {
            stats[st + r] = NEG_INF;
            stats[st + STRIP_Q + r] = 0.0f;
        }
        int d4 = dHead - dHead % 4;
        for (int j0 = 0; j0 < keys; j0 += STRIP_KEYS) {
            int cols = TornadoMath.min(STRIP_KEYS, keys - j0);
            for (int jj = 0; jj < cols; jj++) {
                scores[s0 + jj] = 0.0f;
                scores[s1 + jj] = 0.0f;
                scores[s2 + jj] = 0.0f;
                scores[s3 + jj] = 0.0f;
            }
            // Scores as outer products, d in steps of 4 (each score loaded and stored once per 4 FMAs).
            for (int d = 0; d < d4; d += 4) {
                float x00 = q[q0 + d], x01 = q[q0 + d + 1], x02 = q[q0 + d + 2], x03 = q[q0 + d + 3];
                float x10 = q[q1 + d], x11 = q[q1 + d + 1], x12 = q[q1 + d + 2], x13 = q[q1 + d + 3];
                float x20 = q[q2 + d], x21 = q[q2 + d + 1], x22 = q[q2 + d + 2], x23 = q[q2 + d + 3];
                float x30 = q[q3 + d], x31 = q[q3 + d + 1], x32 = q[q3 + d + 2], x33 = q[q3 + d + 3];
                int t0 = ktBase + d * seqK + j0, t1 = t0 + seqK, t2 = t1 + seqK, t3 = t2 + seqK;
                for (int jj = 0; jj < cols; jj++) {
                    float k0 = kT[t0 + jj], k1 = kT[t1 + jj], k2 = kT[t2 + jj], k3 = kT[t3 + jj];
                    scores[s0 + jj] = Math.fma(x03, k3, Math.fma(x02, k2, Math.fma(x01, k1, Math.fma(x00, k0, scores[s0 + jj]))));
                    scores[s1 + jj] = Math.fma(x13, k3, Math.fma(x12, k2, Math.fma(x11, k1, Math.fma(x10, k0, scores[s1 + jj]))));
                    scores[s2 + jj] = Math.fma(x23, k3, Math.fma(x22, k2, Math.fma(x21, k1, Math.fma(x20, k0, scores[s2 + jj]))));
                    scores[s3 + jj] = Math.fma(x33, k3, Math.fma(x32, k2, Math.fma(x31, k1, Math.fma(x30, k0, scores[s3 + jj]))));
                }
            }
            for (int d = d4; d < dHead; d++) {
                float x0 = q[q0 + d], x1 = q[q1 + d], x2 = q[q2 + d], x3 = q[q3 + d];
                int t = ktBase + d * seqK + j0;
                for (int jj = 0; jj < cols; jj++) {
                    float kv = kT[t + jj];
                    scores[s0 + jj] = Math.fma(x0, kv, scores[s0 + jj]);
                    scores[s1 + jj] = Math.fma(x1, kv, scores[s1 + jj]);
                    scores[s2 + jj] = Math.fma(x2, kv, scores[s2 + jj]);
                    scores[s3 + jj] = Math.fma(x3, kv, scores[s3 + jj]);
                }
            }
            stripSoftmax(scores, s0, cols, n0 - j0, scale, stats, st, acc, a0, dHead);
            stripSoftmax(scores, s1, cols, n1 - j0, scale, stats, st + 1, acc, a1, dHead);
            stripSoftmax(scores, s2, cols, n2 - j0, scale, stats, st + 2, acc, a2, dHead);
            stripSoftmax(scores, s3, cols, n3 - j0, scale, stats, st + 3, acc, a3, dHead);
            // O += P V, inner loop over d; keys in steps of 4 (each accumulator loaded and stored once per 4 FMAs).
            int c4 = cols - cols % 4;
            for (int jj = 0; jj < c4; jj += 4) {
                float p00 = scores[s0 + jj], p01 = scores[s0 + jj + 1], p02 = scores[s0 + jj + 2], p03 = scores[s0 + jj + 3];
                float p10 = scores[s1 + jj], p11 = scores[s1 + jj + 1], p12 = scores[s1 + jj + 2], p13 = scores[s1 + jj + 3];
                float p20 = scores[s2 + jj], p21 = scores[s2 + jj + 1], p22 = scores[s2 + jj + 2], p23 = scores[s2 + jj + 3];
                float p30 = scores[s3 + jj], p31 = scores[s3 + jj + 1], p32 = scores[s3 + jj + 2], p33 = scores[s3 + jj + 3];
                int v0 = vBase + (j0 + jj) * dHead, v1 = v0 + dHead, v2 = v1 + dHead, v3 = v2 + dHead;
                for (int d = 0; d < dHead; d++) {
                    float w0 = v[v0 + d], w1 = v[v1 + d], w2 = v[v2 + d], w3 = v[v3 + d];
                    acc[a0 + d] = Math.fma(p03, w3, Math.fma(p02, w2, Math.fma(p01, w1, Math.fma(p00, w0, acc[a0 + d]))));
                    acc[a1 + d] = Math.fma(p13, w3, Math.fma(p12, w2, Math.fma(p11, w1, Math.fma(p10, w0, acc[a1 + d]))));
                    acc[a2 + d] = Math.fma(p23, w3, Math.fma(p22, w2, Math.fma(p21, w1, Math.fma(p20, w0, acc[a2 + d]))));
                    acc[a3 + d] = Math.fma(p33, w3, Math.fma(p32, w2, Math.fma(p31, w1, Math.fma(p30, w0, acc[a3 + d]))));
                }
            }
            for (int jj = c4; jj < cols; jj++) {
                float p0 = scores[s0 + jj], p1 = scores[s1 + jj], p2 = scores[s2 + jj], p3 = scores[s3 + jj];
                int vo = vBase + (j0 + jj) * dHead;
                for (int d = 0; d < dHead; d++) {
                    float w = v[vo + d];
                    acc[a0 + d] = Math.fma(p0, w, acc[a0 + d]);
                    acc[a1 + d] = Math.fma(p1, w, acc[a1 + d]);
                    acc[a2 + d] = Math.fma(p2, w, acc[a2 + d]);
                    acc[a3 + d] = Math.fma(p3, w, acc[a3 + d]);
                }
            }
        }
        for (int r = 0; r < STRIP_Q; r++) {
            if (i0 + r < seqQ) {
                float l = stats[st + STRIP_Q + r];
                float inv = l > 0.0f ? 1.0f / l : 0.0f;   // no visible key: a zero row
                int o = (bh * seqQ + i0 + r) * dHead;
                int ao = a0 + r * dHead;
                for (int d = 0; d < dHead; d++) out[o + d] = acc[ao + d] * inv;
            }
        }
    }

    /** Scratch floats per flashStrip work-item. */
    public static int stripScratch(int dHead) {
        return STRIP_Q * (STRIP_KEYS + dHead + 2);
    }

    /**
     * One row's block of raw dot products at scores[sOff..sOff+cols): scale and mask (keys at or
     * past {@code visible} get -inf), fold into the running max stats[st] and sum
     * stats[st + STRIP_Q], rescale the accumulator row, and leave exp(s - max) in scores.
     */
    static void stripSoftmax(float[] scores, int sOff, int cols, int visible, float scale, float[] stats, int st,
                             float[] acc, int accOff, int dHead) {
        float blockMax = NEG_INF;
        for (int jj = 0; jj < cols; jj++) {
            float x = NEG_INF;
            if (jj < visible) x = scores[sOff + jj] * scale;
            scores[sOff + jj] = x;
            blockMax = TornadoMath.max(blockMax, x);
        }
        float mOld = stats[st];
        float mNew = TornadoMath.max(mOld, blockMax);
        if (mNew == NEG_INF) {
            // Nothing visible to this row yet: zero weights, state unchanged.
            for (int jj = 0; jj < cols; jj++) scores[sOff + jj] = 0.0f;
            return;
        }
        // Separate loops: the exp loop has no reduction, so it vectorizes under strict FP.
        for (int jj = 0; jj < cols; jj++) scores[sOff + jj] = TornadoMath.exp(scores[sOff + jj] - mNew);
        float sum = 0.0f;
        for (int jj = 0; jj < cols; jj++) sum += scores[sOff + jj];
        float correction = TornadoMath.exp(mOld - mNew);   // 0 while mOld = -inf (acc and sum are 0 then)
        stats[st] = mNew;
        stats[st + STRIP_Q] = stats[st + STRIP_Q] * correction + sum;
        if (correction != 1.0f) {
            for (int d = 0; d < dHead; d++) acc[accOff + d] = acc[accOff + d] * correction;
        }
    }
}
