package hetero.experiments.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.stream.IntStream;

/**
 * Fused scaled dot-product attention on the CPU with the JDK Vector API, the pure-Java peer of
 * the flash kernels: Q, O [heads, seq, dHead], K, V [heads, seq, dHead] (MHA, batch 1, no
 * padding), optional causal mask. One task per (head, block of 4 query rows), on all cores.
 *
 * <p>Same loop shapes as Attention.flashStrip, with explicit vectors: K is transposed once per
 * call (kT [heads, dHead, seq], counted in the time), then per block of 64 keys the 4 x 64 scores
 * are 16 vector accumulators built by outer products over d (a broadcast of q[r][d] times a
 * contiguous vector of kT row d; no horizontal reductions); the online softmax uses the vector
 * exp (VectorOperators.EXP); O += P V runs over d in vectors, keys 4 at a time so each
 * accumulator vector is loaded and stored once per 4 FMAs. No seq x seq buffer.
 */
public final class VectorAttention {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int QB = 4;
    static final int KB = 4 * L;

    private VectorAttention() {
    }

    public static void forward(float[] q, float[] k, float[] v, float[] out, int heads, int seq, int dHead, boolean causal) {
        if (dHead % L != 0) throw new IllegalArgumentException("dHead must be a multiple of " + L);
        float[] kT = new float[k.length];
        IntStream.range(0, heads).parallel().forEach(h -> {
            for (int j = 0; j < seq; j++) {
                for (int d = 0; d < dHead; d++) kT[(h * dHead + d) * seq + j] = k[(h * seq + j) * dHead + d];
            }
        });
        int qBlocks = (seq + QB - 1) / QB;
        float scale = (float) (1.0 / Math.sqrt(dHead));
        IntStream.range(0, heads * qBlocks).parallel().forEach(t -> {
            int h = t / qBlocks, i0 = (t % qBlocks) * QB;
            block(q, kT, v, out, h, i0, Math.min(QB, seq - i0), seq, dHead, causal, scale);
        });
    }

    static void block(float[] q, float[] kT, float[] v, float[] out, int h, int i0, int rows, int seq, int dHead, boolean causal, float scale) {
        int base = h * seq * dHead, ktBase = h * dHead * seq;
        float[] p = new float[QB * KB];
        float[] acc = new float[QB * dHead];
        float[] max = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        float[] sum = new float[QB];
        // Rows past the end repeat the last row (computed, not stored).
        int q0 = base + i0 * dHead, q1 = base + (i0 + Math.min(1, rows - 1)) * dHead;
        int q2 = base + (i0 + Math.min(2, rows - 1)) * dHead, q3 = base + (i0 + Math.min(3, rows - 1)) * dHead;
        int keyEnd = causal ? i0 + rows : seq;
        for (int j0 = 0; j0 < keyEnd; j0 += KB) {
            int cols = Math.min(KB, keyEnd - j0);
            if (cols == KB) {
                scoresFull(q, kT, p, q0, q1, q2, q3, ktBase + j0, seq, dHead);
            } else {
                for (int r = 0; r < QB; r++) {
                    int qo = r == 0 ? q0 : r == 1 ? q1 : r == 2 ? q2 : q3;
                    for (int c = 0; c < cols; c++) {
                        float s = 0f;
                        for (int d = 0; d < dHead; d++) s = Math.fma(q[qo + d], kT[ktBase + d * seq + j0 + c], s);
                        p[r * KB + c] = s;
                    }
                }
            }
            for (int r = 0; r < QB; r++) softmaxRow(p, r * KB, cols, causal ? i0 + r - j0 + 1 : cols, scale, max, sum, r, acc, dHead);
            valuesUpdate(p, v, acc, base + j0 * dHead, cols, dHead);
        }
        for (int r = 0; r < rows; r++) {
            float inv = sum[r] > 0 ? 1f / sum[r] : 0f;
            int oo = base + (i0 + r) * dHead;
            for (int d = 0; d < dHead; d += L) FloatVector.fromArray(S, acc, r * dHead + d).mul(inv).intoArray(out, oo + d);
        }
    }

    /** p[r][0..KB) = q_r . kT[:, j0..j0+KB): 16 vector accumulators, outer products over d. */
    static void scoresFull(float[] q, float[] kT, float[] p, int q0, int q1, int q2, int q3, int kt, int seq, int dHead) {
        FloatVector z = FloatVector.zero(S);
        FloatVector s00 = z, s01 = z, s02 = z, s03 = z, s10 = z, s11 = z, s12 = z, s13 = z;
        FloatVector s20 = z, s21 = z, s22 = z, s23 = z, s30 = z, s31 = z, s32 = z, s33 = z;
        for (int d = 0; d < dHead; d++) {
            int o = kt + d * seq;
            FloatVector k0 = FloatVector.fromArray(S, kT, o), k1 = FloatVector.fromArray(S, kT, o + L);
            FloatVector k2 = FloatVector.fromArray(S, kT, o + 2 * L), k3 = FloatVector.fromArray(S, kT, o + 3 * L);
            FloatVector x = FloatVector.broadcast(S, q[q0 + d]);
            s00 = x.fma(k0, s00); s01 = x.fma(k1, s01); s02 = x.fma(k2, s02); s03 = x.fma(k3, s03);
            x = FloatVector.broadcast(S, q[q1 + d]);
            s10 = x.fma(k0, s10); s11 = x.fma(k1, s11); s12 = x.fma(k2, s12); s13 = x.fma(k3, s13);
            x = FloatVector.broadcast(S, q[q2 + d]);
            s20 = x.fma(k0, s20); s21 = x.fma(k1, s21); s22 = x.fma(k2, s22); s23 = x.fma(k3, s23);
            x = FloatVector.broadcast(S, q[q3 + d]);
            s30 = x.fma(k0, s30); s31 = x.fma(k1, s31); s32 = x.fma(k2, s32); s33 = x.fma(k3, s33);
        }
        s00.intoArray(p, 0); s01.intoArray(p, L); s02.intoArray(p, 2 * L); s03.intoArray(p, 3 * L);
        s10.intoArray(p, KB); s11.intoArray(p, KB + L); s12.intoArray(p, KB + 2 * L); s13.intoArray(p, KB + 3 * L);
        s20.intoArray(p, 2 * KB); s21.intoArray(p, 2 * KB + L); s22.intoArray(p, 2 * KB + 2 * L); s23.intoArray(p, 2 * KB + 3 * L);
        s30.intoArray(p, 3 * KB); s31.intoArray(p, 3 * KB + L); s32.intoArray(p, 3 * KB + 2 * L); s33.intoArray(p, 3 * KB + 3 * L);
    }

    /** Scale, mask keys >= visible, online-softmax update of row r; leaves the weights in p. */
    static void softmaxRow(float[] p, int off, int cols, int visible, float scale, float[] max, float[] sum, int r, float[] acc, int dHead) {
        float blockMax = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < cols; c++) {
            float s = c < visible ? p[off + c] * scale : Float.NEGATIVE_INFINITY;
            p[off + c] = s;
            blockMax = Math.max(blockMax, s);
        }
        float newMax = Math.max(max[r], blockMax);
        if (newMax == Float.NEGATIVE_INFINITY) {
            for (int c = 0; c < cols; c++) p[off + c] = 0f;
            return;
        }
        int c = 0;
        FloatVector m = FloatVector.broadcast(S, newMax), total = FloatVector.zero(S);
        for (; c <= cols - L; c += L) {
            FloatVector e = FloatVector.fromArray(S, p, off + c).sub(m).lanewise(VectorOperators.EXP);
            e.intoArray(p, off + c);
            total = total.add(e);
        }
        float s = total.reduceLanes(VectorOperators.ADD);
        for (; c < cols; c++) {
            float e = (float) Math.exp(p[off + c] - newMax);
            p[off + c] = e;
            s += e;
        }
        float correction = max[r] == Float.NEGATIVE_INFINITY ? 0f : (float) Math.exp(max[r] - newMax);
        sum[r] = sum[r] * correction + s;
        max[r] = newMax;
        if (correction != 1f) {
            for (int d = 0; d < dHead; d += L) FloatVector.fromArray(S, acc, r * dHead + d).mul(correction).intoArray(acc, r * dHead + d);
        }
    }

    /** acc[r] += sum over keys c of p[r][c] v[c]; keys 4 at a time. */
    static void valuesUpdate(float[] p, float[] v, float[] acc, int vo, int cols, int dHead) {
        int c = 0;
        for (; c <= cols - 4; c += 4) {
            int v0 = vo + c * dHead, v1 = v0 + dHead, v2 = v1 + dHead, v3 = v2 + dHead;
            for (int d = 0; d < dHead; d += L) {
                FloatVector w0 = FloatVector.fromArray(S, v, v0 + d), w1 = FloatVector.fromArray(S, v, v1 + d);
                FloatVector w2 = FloatVector.fromArray(S, v, v2 + d), w3 = FloatVector.fromArray(S, v, v3 + d);
                for (int r = 0; r < QB; r++) {
                    int pr = r * KB + c, ar = r * dHead + d;
                    FloatVector a = FloatVector.fromArray(S, acc, ar);
                    a = FloatVector.broadcast(S, p[pr]).fma(w0, a);
                    a = FloatVector.broadcast(S, p[pr + 1]).fma(w1, a);
                    a = FloatVector.broadcast(S, p[pr + 2]).fma(w2, a);
                    a = FloatVector.broadcast(S, p[pr + 3]).fma(w3, a);
                    a.intoArray(acc, ar);
                }
            }
        }
        for (; c < cols; c++) {
            for (int d = 0; d < dHead; d += L) {
                FloatVector w = FloatVector.fromArray(S, v, vo + c * dHead + d);
                for (int r = 0; r < QB; r++) {
                    FloatVector.broadcast(S, p[r * KB + c]).fma(w, FloatVector.fromArray(S, acc, r * dHead + d)).intoArray(acc, r * dHead + d);
                }
            }
        }
    }
}
