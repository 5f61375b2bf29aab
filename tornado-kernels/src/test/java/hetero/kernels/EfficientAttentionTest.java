package hetero.kernels;

import hetero.kernels.AttentionLaunch.Scoring;
import hetero.kernels.AttentionLaunch.Shape;
import hetero.runtime.backend.Device;
import org.junit.jupiter.api.Test;

import static hetero.kernels.TestSupport.assertClose;
import static hetero.kernels.TestSupport.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Linear and local (sliding-window) attention vs their float64 references on every device, at
 * MHA/GQA/MQA shapes with seq 1, primes, several causal chunks, seqQ != seqK and padding.
 */
class EfficientAttentionTest {
    static final double ATOL = 5e-5, RTOL = 2e-4;

    // (batch, heads, kvHeads, seqQ, seqK, dHead): 150 and 128 keys cross and end on CHUNK boundaries.
    static final int[][] SHAPES = {{1, 1, 1, 1, 1, 1}, {1, 2, 2, 7, 7, 8}, {2, 4, 2, 13, 13, 5}, {1, 3, 1, 31, 31, 16}, {1, 2, 1, 5, 37, 4},
            {1, 2, 1, 150, 150, 6}, {2, 2, 2, 128, 128, 3}, {1, 2, 2, 3, 70, 4}};

    static int[] padded(int batch, int seqK) {
        int[] valid = new int[batch];
        for (int b = 0; b < batch; b++) valid[b] = Math.max(1, seqK - 2 - b * 3);
        return valid;
    }

    static float[][] qkv(Shape s, long seed) {
        return new float[][] {random(seed, (int) s.qLength()), random(seed + 1, (int) s.kvLength()), random(seed + 2, (int) s.kvLength())};
    }

    @Test
    void linearMatchesReferenceCausalAndNot() {
        for (Device d : TestSupport.devices()) {
            for (int[] x : SHAPES) {
                Shape base = Shape.of(x[0], x[1], x[2], x[3], x[4], x[5]);
                for (Shape s : new Shape[] {base, base.causal(true), base.validLength(padded(x[0], x[4])), base.validLength(padded(x[0], x[4])).causal(true)}) {
                    float[][] t = qkv(s, 10 + x[3]);
                    float[] out = new float[(int) s.qLength()];
                    Launch l = EfficientAttentionLaunch.linear(t[0], t[1], t[2], out, s);
                    l.runOnce(d);
                    float[] want = LinearAttention.reference(t[0], t[1], t[2], s.lengths(), s.batch(), s.heads(), s.kvHeads(), s.seqQ(), s.seqK(), s.dHead(), s.causal());
                    assertClose(d.id() + " " + l, want, out, ATOL, RTOL);
                }
            }
        }
    }

    @Test
    void linearRowWithNoVisibleKeyIsZeroAndPaddedKeysDoNotMatter() {
        Shape s = Shape.of(2, 2, 1, 4, 6, 3).validLength(new int[] {4, 0});
        float[][] t = qkv(s, 3);
        float[] k2 = t[1].clone(), v2 = t[2].clone();
        for (int j = 4; j < 6; j++) {
            for (int dd = 0; dd < 3; dd++) {
                k2[j * 3 + dd] = 50f;   // sequence 0's padded keys: large, must not count
                v2[j * 3 + dd] = 1e6f;
            }
        }
        for (Device d : TestSupport.devices()) {
            for (boolean causal : new boolean[] {false, true}) {
                float[] a = new float[(int) s.qLength()], b = new float[a.length];
                EfficientAttentionLaunch.linear(t[0], t[1], t[2], a, s.causal(causal)).runOnce(d);
                EfficientAttentionLaunch.linear(t[0], k2, v2, b, s.causal(causal)).runOnce(d);
                int half = a.length / 2;
                for (int i = 0; i < half; i++) assertEquals(a[i], b[i], 1e-6f, d.id() + " causal=" + causal + ": padded keys changed sequence 0");
                for (int i = half; i < a.length; i++) assertEquals(0f, a[i], d.id() + ": a sequence with no valid key must give zeros");
            }
        }
    }

    @Test
    void linearDecodeStepsEqualTheCausalForwardPass() {
        int batch = 2, heads = 4, kvHeads = 2, dHead = 5, steps = 9;
        Shape full = Shape.of(batch, heads, kvHeads, steps, steps, dHead).causal(true);
        float[][] t = qkv(full, 21);
        float[] want = LinearAttention.reference(t[0], t[1], t[2], full.lengths(), batch, heads, kvHeads, steps, steps, dHead, true);
        Shape one = Shape.of(batch, heads, kvHeads, 1, 1, dHead);
        for (Device d : TestSupport.devices()) {
            float[] state = new float[(int) (EfficientAttentionLaunch.linearStateBytes(batch, kvHeads, dHead) / 4)];
            java.util.Arrays.fill(state, Float.NaN);   // the first step must reset, not add to garbage
            for (int step = 0; step < steps; step++) {
                float[] q = new float[batch * heads * dHead], k = new float[batch * kvHeads * dHead], v = new float[k.length], out = new float[q.length];
                for (int r = 0; r < batch * heads; r++) System.arraycopy(t[0], (r * steps + step) * dHead, q, r * dHead, dHead);
                for (int r = 0; r < batch * kvHeads; r++) {
                    System.arraycopy(t[1], (r * steps + step) * dHead, k, r * dHead, dHead);
                    System.arraycopy(t[2], (r * steps + step) * dHead, v, r * dHead, dHead);
                }
                EfficientAttentionLaunch.linearDecode(q, k, v, state, state, out, one, step == 0).runOnce(d);
                float[] expected = new float[q.length];
                for (int r = 0; r < batch * heads; r++) System.arraycopy(want, (r * steps + step) * dHead, expected, r * dHead, dHead);
                assertClose(d.id() + " linear decode step " + step, expected, out, ATOL, RTOL);
            }
        }
    }

    @Test
    void localMatchesReferenceForWindowsMasksAndScorings() {
        for (Device d : TestSupport.devices()) {
            for (int[] x : SHAPES) {
                Shape base = Shape.of(x[0], x[1], x[2], x[3], x[4], x[5]);
                for (int window : new int[] {1, 3, 16, 1000}) {
                    for (Shape s : new Shape[] {base, base.causal(true), base.validLength(padded(x[0], x[4])).causal(x[3] % 2 == 1),
                            base.scoring(Scoring.COSINE).scale(4f)}) {
                        float[][] t = qkv(s, 30 + window);
                        float[] out = new float[(int) s.qLength()];
                        Launch l = EfficientAttentionLaunch.local(t[0], t[1], t[2], out, s, window);
                        l.runOnce(d);
                        assertClose(d.id() + " " + l, localReference(t, s, window), out, ATOL, RTOL);
                    }
                }
            }
        }
    }

    static float[] localReference(float[][] t, Shape s, int window) {
        return LocalAttention.reference(t[0], t[1], t[2], s.lengths(), s.batch(), s.heads(), s.kvHeads(), s.seqQ(), s.seqK(), s.dHead(),
                s.effectiveScale(), window, s.causal(), s.scoring() == Scoring.COSINE ? Attention.COSINE : Attention.DOT);
    }

    @Test
    void localWithAWindowCoveringEverythingIsSoftmaxAttention() {
        Shape s = Shape.of(1, 2, 1, 20, 20, 8).causal(true);
        float[][] t = qkv(s, 5);
        float[] softmax = AttentionTest.reference(t[0], t[1], t[2], s);
        assertClose("causal window 20 vs softmax", softmax, localReference(t, s, 20), 1e-6, 1e-6);
        assertClose("bidirectional window 20 vs softmax", AttentionTest.reference(t[0], t[1], t[2], s.causal(false)),
                localReference(t, s.causal(false), 20), 1e-6, 1e-6);
    }

    @Test
    void localDecodeSeesTheLastWindowOfTheCache() {
        int batch = 2, heads = 4, kvHeads = 2, capacity = 40, dHead = 8, length = 37, window = 5;
        int[] valid = {37, 11};
        Shape s = Shape.of(batch, heads, kvHeads, 1, capacity, dHead).validLength(valid);
        float[] q = random(1, batch * heads * dHead), kc = random(2, batch * kvHeads * capacity * dHead), vc = random(3, kc.length);
        // Reference: the filled cache as K/V of length `length`; the new query is the last position (causal window).
        float[] k = new float[batch * kvHeads * length * dHead], v = new float[k.length];
        for (int r = 0; r < batch * kvHeads; r++) {
            System.arraycopy(kc, r * capacity * dHead, k, r * length * dHead, length * dHead);
            System.arraycopy(vc, r * capacity * dHead, v, r * length * dHead, length * dHead);
        }
        for (Device d : TestSupport.devices()) {
            for (Scoring sc : new Scoring[] {Scoring.DOT, Scoring.COSINE}) {
                int mode = sc == Scoring.DOT ? Attention.DOT : Attention.COSINE;
                float[] out = new float[q.length];
                EfficientAttentionLaunch.localDecode(q, kc, vc, out, s.scoring(sc), length, window).runOnce(d);
                for (int b = 0; b < batch; b++) {
                    // Sequence b's query sits at its last valid position: a 1-query causal window over its valid keys.
                    int n = valid[b];
                    float[] kb = new float[kvHeads * n * dHead], vb = new float[kb.length], qb = new float[heads * dHead];
                    for (int kh = 0; kh < kvHeads; kh++) {
                        System.arraycopy(k, ((b * kvHeads + kh) * length) * dHead, kb, kh * n * dHead, n * dHead);
                        System.arraycopy(v, ((b * kvHeads + kh) * length) * dHead, vb, kh * n * dHead, n * dHead);
                    }
                    System.arraycopy(q, b * heads * dHead, qb, 0, heads * dHead);
                    float[] want = LocalAttention.reference(qb, kb, vb, new int[] {n}, 1, heads, kvHeads, 1, n, dHead, s.effectiveScale(), window, true, mode);
                    float[] got = java.util.Arrays.copyOfRange(out, b * heads * dHead, (b + 1) * heads * dHead);
                    assertClose(d.id() + " local decode " + sc + " b=" + b, want, got, ATOL, RTOL);
                }
            }
        }
    }

    @Test
    void badInputIsRejectedBeforeAnyDeviceWork() {
        float[] q = new float[2 * 3 * 4], kv = new float[2 * 3 * 4], out = new float[q.length];
        var e = assertThrows(IllegalArgumentException.class,
                () -> EfficientAttentionLaunch.linear(q, kv, kv, out, Shape.of(1, 3, 3, 2, 2, 4).scoring(Scoring.COSINE)));
        assertTrue(e.getMessage().contains("no scoring choice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EfficientAttentionLaunch.local(q, kv, kv, out, Shape.of(1, 3, 3, 2, 2, 4), 0));
        assertTrue(e.getMessage().contains("window must be positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EfficientAttentionLaunch.linear(q, kv, kv, out, Shape.of(1, 3, 2, 2, 2, 4)));
        assertTrue(e.getMessage().contains("kvHeads (2) must divide heads (3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EfficientAttentionLaunch.linearDecode(q, kv, kv, new float[5], new float[5], out, Shape.of(2, 3, 3, 1, 1, 4), false));
        assertTrue(e.getMessage().startsWith("stateIn has 5 elements"), e.getMessage());
    }
}
