package hetero.kernels;

import hetero.kernels.AttentionLaunch.Scoring;
import hetero.kernels.AttentionLaunch.Shape;
import hetero.runtime.backend.Device;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static hetero.kernels.TestSupport.assertClose;
import static hetero.kernels.TestSupport.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attention variants vs the double reference. Outputs are convex combinations of V rows (|o| of
 * order 1); tolerance 2e-5 absolute + 1e-4 relative.
 */
class AttentionTest {
    static final double ATOL = 2e-5, RTOL = 1e-4;

    /** Every variant that supports the shape's scoring, as launches writing into out. */
    static List<Launch> variants(float[] q, float[] k, float[] v, float[] out, Shape s) {
        List<Launch> ls = new ArrayList<>();
        ls.add(AttentionLaunch.unfused(q, k, v, out, s, SoftmaxLaunch.Variant.ROW_PER_ITEM));
        ls.add(AttentionLaunch.unfused(q, k, v, out, s, SoftmaxLaunch.Variant.ROW_PER_GROUP));
        ls.add(AttentionLaunch.unfused(q, k, v, out, s, SoftmaxLaunch.Variant.ONLINE));
        ls.add(AttentionLaunch.flash(q, k, v, out, s));
        ls.add(AttentionLaunch.flashTiled(q, k, v, out, s));
        if (s.scoring() == Scoring.DOT) ls.add(AttentionLaunch.flashStrip(q, k, v, out, s));
        ls.add(AttentionLaunch.flashPrivate(q, k, v, out, s));
        return ls;
    }

    static float[] reference(float[] q, float[] k, float[] v, Shape s) {
        return Attention.reference(q, k, v, s.lengths(), s.batch(), s.heads(), s.kvHeads(), s.seqQ(), s.seqK(), s.dHead(),
                s.effectiveScale(), s.causal(), s.scoring() == Scoring.COSINE ? Attention.COSINE : Attention.DOT);
    }

    static void checkAll(Device d, Shape s, long seed) {
        float[] q = random(seed, (int) s.qLength()), k = random(seed + 1, (int) s.kvLength()), v = random(seed + 2, (int) s.kvLength());
        float[] want = reference(q, k, v, s);
        for (Launch l : variants(q, k, v, new float[(int) s.qLength()], s)) {
            float[] out = (float[]) l.outputs().getFirst();
            l.runOnce(d);
            assertClose(d.id() + " " + l, want, out, ATOL, RTOL);
        }
    }

    @Test
    void mhaGqaMqaWithAndWithoutMasks() {
        // (batch, heads, kvHeads, seqQ, seqK, dHead): seq 1, primes, not multiples of BLOCK_Q/BLOCK_K.
        int[][] shapes = {{1, 1, 1, 1, 1, 1}, {1, 2, 2, 7, 7, 8}, {2, 4, 2, 13, 13, 5}, {1, 3, 1, 31, 31, 16}, {1, 2, 1, 5, 37, 4}, {1, 2, 2, 33, 17, 3},
                {1, 2, 1, 70, 150, 12}};   // several 64-key blocks of flashStrip, 70 % 4 != 0
        for (Device d : TestSupport.devices()) {
            for (int[] x : shapes) {
                Shape base = Shape.of(x[0], x[1], x[2], x[3], x[4], x[5]);
                checkAll(d, base, 100);
                checkAll(d, base.causal(true), 200);
                int[] valid = new int[x[0]];
                for (int b = 0; b < valid.length; b++) valid[b] = Math.max(1, x[4] - 2 - b * 3);
                checkAll(d, base.validLength(valid).causal(x[3] % 2 == 1), 300);
                checkAll(d, base.scoring(Scoring.COSINE).scale(4f), 400);
            }
        }
    }

    @Test
    void causalRowsNeverAttendForward() {
        Shape s = Shape.of(1, 2, 1, 9, 9, 4).causal(true);
        float[] q = random(1, (int) s.qLength()), k = random(2, (int) s.kvLength()), v = random(3, (int) s.kvLength());
        for (Device d : TestSupport.devices()) {
            for (int vi = 0; vi < variants(q, k, v, new float[(int) s.qLength()], s).size(); vi++) {
                float[] before = new float[(int) s.qLength()];
                Launch l1 = variants(q, k, v, before, s).get(vi);
                l1.runOnce(d);
                // Change key and value 6 (they are shared by both heads through the single KV head).
                float[] k2 = k.clone(), v2 = v.clone();
                for (int dd = 0; dd < 4; dd++) {
                    k2[6 * 4 + dd] += 3f;
                    v2[6 * 4 + dd] -= 5f;
                }
                float[] after = new float[(int) s.qLength()];
                variants(q, k2, v2, after, s).get(vi).runOnce(d);
                for (int h = 0; h < 2; h++) {
                    for (int i = 0; i < 9; i++) {
                        for (int dd = 0; dd < 4; dd++) {
                            int idx = (h * 9 + i) * 4 + dd;
                            if (i < 6) assertEquals(before[idx], after[idx], 0f, l1 + ": row " + i + " saw future key 6");
                        }
                    }
                }
                assertTrue(before[(6 * 4)] != after[(6 * 4)], l1 + ": row 6 must see key 6");
            }
        }
    }

    @Test
    void flashStripNeverTouchesTheKeysPastItsStripsLastVisibleKey() {
        // Causal block skipping, checked per work-item: the kernel runs here as plain Java, one strip
        // of STRIP_Q rows at a time, with NaN in K^T and V after the strip's last visible key
        // (130 keys: three 64-key blocks, the diagonal block partial). A strip that loaded and used
        // a masked block would turn its rows into NaN (0 * NaN in p V).
        int seq = 130, dHead = 8, heads = 2, kvHeads = 1;
        Shape s = Shape.of(1, heads, kvHeads, seq, seq, dHead).causal(true);
        float[] q = random(31, (int) s.qLength()), k = random(32, (int) s.kvLength()), v = random(33, (int) s.kvLength());
        float[] want = reference(q, k, v, s);
        int[] valid = {seq};
        int qBlocks = GemmLaunch.ceilDiv(seq, Attention.STRIP_Q);
        for (int qb = 0; qb < qBlocks; qb++) {
            int keys = Math.min(seq, qb * Attention.STRIP_Q + Attention.STRIP_Q);   // the strip's last row sees keys 0..keys-1
            float[] kT = new float[k.length], vPoisoned = v.clone();
            for (int d = 0; d < dHead; d++) for (int j = 0; j < seq; j++) kT[d * seq + j] = j < keys ? k[j * dHead + d] : Float.NaN;
            for (int i = keys * dHead; i < v.length; i++) vPoisoned[i] = Float.NaN;
            float[] out = new float[(int) s.qLength()], work = new float[qBlocks * heads * Attention.stripScratch(dHead)];
            for (int bh = 0; bh < heads; bh++) {
                uk.ac.manchester.tornado.api.KernelContext ctx = new uk.ac.manchester.tornado.api.KernelContext();
                ctx.globalIdx = qb;
                ctx.globalIdy = bh;
                Attention.flashStrip(ctx, q, kT, vPoisoned, valid, out, work, heads, kvHeads, seq, seq, dHead, s.effectiveScale(), 1);
                for (int i = qb * Attention.STRIP_Q; i < Math.min(seq, (qb + 1) * Attention.STRIP_Q); i++) {
                    for (int d = 0; d < dHead; d++) {
                        int idx = (bh * seq + i) * dHead + d;
                        assertEquals(want[idx], out[idx], 1e-4, "strip " + qb + " head " + bh + " row " + i + " used a key past " + (keys - 1));
                    }
                }
            }
        }
    }

    @Test
    void paddedKeysGetZeroWeightAndFullyPaddedRowsGiveZeros() {
        Shape s = Shape.of(2, 2, 2, 5, 6, 3).validLength(new int[]{4, 0});
        float[] q = random(7, (int) s.qLength()), k = random(8, (int) s.kvLength()), v = random(9, (int) s.kvLength());
        float[] k2 = k.clone(), v2 = v.clone();
        for (int kv = 0; kv < 2; kv++) {
            for (int j = 4; j < 6; j++) {   // padded keys of sequence 0: garbage must not matter
                for (int dd = 0; dd < 3; dd++) {
                    k2[(kv * 6 + j) * 3 + dd] = 1e6f;
                    v2[(kv * 6 + j) * 3 + dd] = Float.NaN;
                }
            }
        }
        for (Device d : TestSupport.devices()) {
            for (int vi = 0; vi < variants(q, k, v, new float[(int) s.qLength()], s).size(); vi++) {
                float[] a = new float[(int) s.qLength()], b = new float[(int) s.qLength()];
                Launch la = variants(q, k, v, a, s).get(vi);
                la.runOnce(d);
                variants(q, k2, v2, b, s).get(vi).runOnce(d);
                int half = a.length / 2;
                for (int i = 0; i < half; i++) assertEquals(a[i], b[i], 1e-6f, la + ": padded keys changed sequence 0");
                for (int i = half; i < a.length; i++) assertEquals(0f, a[i], la + ": fully padded sequence must give zeros");
                assertClose(la.toString(), reference(q, k, v, s), a, ATOL, RTOL);
            }
        }
    }

    @Test
    void flashAgreesWithUnfusedAtALongerSequence() {
        Shape s = Shape.of(1, 2, 1, 70, 70, 16).causal(true);
        float[] q = random(5, (int) s.qLength()), k = random(6, (int) s.kvLength()), v = random(7, (int) s.kvLength());
        for (Device d : TestSupport.devices()) {
            float[] unfused = new float[(int) s.qLength()], flash = new float[(int) s.qLength()];
            AttentionLaunch.unfused(q, k, v, unfused, s, SoftmaxLaunch.Variant.ROW_PER_GROUP).runOnce(d);
            AttentionLaunch.flashTiled(q, k, v, flash, s).runOnce(d);
            assertClose(d.id() + " flash vs unfused", unfused, flash, ATOL, RTOL);
        }
    }

    @Test
    void additiveScoring() {
        int dAtt = 6;
        for (Device d : TestSupport.devices()) {
            for (Shape s : new Shape[]{Shape.of(1, 2, 1, 7, 7, 4).causal(true), Shape.of(2, 2, 2, 3, 5, 3).validLength(new int[]{5, 2}), Shape.of(1, 1, 1, 1, 1, 1)}) {
                float[] q = random(1, (int) s.qLength()), k = random(2, (int) s.kvLength()), v = random(3, (int) s.kvLength());
                float[] w = random(4, dAtt * s.dHead()), u = random(5, dAtt * s.dHead()), va = random(6, dAtt);
                float[] out = new float[(int) s.qLength()];
                AttentionLaunch.unfusedAdditive(q, k, v, w, u, va, out, s.scoring(Scoring.ADDITIVE), dAtt).runOnce(d);
                float[] want = Attention.referenceAdditive(q, k, v, w, u, va, s.lengths(), s.batch(), s.heads(), s.kvHeads(), s.seqQ(), s.seqK(),
                        s.dHead(), dAtt, s.causal());
                assertClose(d.id() + " additive " + s, want, out, ATOL, RTOL);
            }
        }
    }

    @Test
    void decodeStepOverAKvCache() {
        int batch = 2, heads = 4, kvHeads = 2, capacity = 40, dHead = 8, length = 37;
        int[] valid = {37, 11};
        Shape s = Shape.of(batch, heads, kvHeads, 1, capacity, dHead).validLength(valid);
        float[] q = random(1, batch * heads * dHead), kc = random(2, batch * kvHeads * capacity * dHead), vc = random(3, kc.length);
        // Reference: the filled part of the cache as ordinary K/V of length `length`.
        float[] k = filled(kc, batch * kvHeads, capacity, length, dHead), v = filled(vc, batch * kvHeads, capacity, length, dHead);
        for (Scoring sc : new Scoring[]{Scoring.DOT, Scoring.COSINE}) {
            int mode = sc == Scoring.DOT ? Attention.DOT : Attention.COSINE;
            float[] want = Attention.reference(q, k, v, valid, batch, heads, kvHeads, 1, length, dHead, s.effectiveScale(), false, mode);
            for (Device d : TestSupport.devices()) {
                for (AttentionLaunch.DecodeVariant dv : AttentionLaunch.DecodeVariant.values()) {
                    float[] out = new float[q.length];
                    AttentionLaunch.decode(dv, q, kc, vc, out, s.scoring(sc), length).runOnce(d);
                    assertClose(d.id() + " decode " + dv + " " + sc, want, out, ATOL, RTOL);
                }
            }
        }
    }

    /** The filled part of a [rows, capacity, dHead] cache as ordinary [rows, length, dHead] K or V. */
    static float[] filled(float[] cache, int rows, int capacity, int length, int dHead) {
        float[] x = new float[rows * length * dHead];
        for (int r = 0; r < rows; r++) System.arraycopy(cache, r * capacity * dHead, x, r * length * dHead, length * dHead);
        return x;
    }

    static final AttentionLaunch.DecodeVariant[] SPLITS = {AttentionLaunch.DecodeVariant.SPLIT, AttentionLaunch.DecodeVariant.SPLIT_STRIP};

    @Test
    void splitDecodeOverSeveralChunksAgreesWithTheReference() {
        // Several DECODE_CHUNK chunks, the last one partial; per sequence: all keys, a length that ends
        // inside the second chunk (the third loads nothing), and no key at all (zeros). GQA and MQA;
        // dHead 80 > DECODE_GROUP makes items loop over d; dHead 5 is odd.
        int chunk = Attention.DECODE_CHUNK;
        int[][] shapes = {{3, 4, 2, 2 * chunk + 90, 2 * chunk + 61, 5}, {1, 2, 1, chunk + 7, chunk + 7, 80}};
        for (int[] x : shapes) {
            int batch = x[0], heads = x[1], kvHeads = x[2], capacity = x[3], length = x[4], dHead = x[5];
            int[] valid = new int[batch];
            for (int b = 0; b < batch; b++) valid[b] = b == 0 ? length : b == 1 ? chunk + 44 : 0;
            Shape s = Shape.of(batch, heads, kvHeads, 1, capacity, dHead).validLength(valid);
            float[] q = random(11, batch * heads * dHead), kc = random(12, batch * kvHeads * capacity * dHead), vc = random(13, kc.length);
            float[] k = filled(kc, batch * kvHeads, capacity, length, dHead), v = filled(vc, batch * kvHeads, capacity, length, dHead);
            for (Scoring sc : new Scoring[]{Scoring.DOT, Scoring.COSINE}) {
                int mode = sc == Scoring.DOT ? Attention.DOT : Attention.COSINE;
                float[] want = Attention.reference(q, k, v, valid, batch, heads, kvHeads, 1, length, dHead, s.effectiveScale(), false, mode);
                for (Device d : TestSupport.devices()) {
                    for (AttentionLaunch.DecodeVariant dv : SPLITS) {
                        float[] out = new float[q.length];
                        Launch l = AttentionLaunch.decode(dv, q, kc, vc, out, s.scoring(sc), length);
                        l.runOnce(d);
                        assertClose(d.id() + " " + l, want, out, ATOL, RTOL);
                        if (batch > 2) for (int i = 2 * heads * dHead; i < 3 * heads * dHead; i++) assertEquals(0f, out[i], l + ": no key must give zeros");
                    }
                }
            }
        }
    }

    @Test
    void splitDecodeNeverReadsPastTheVisibleKeys() {
        // Garbage (NaN) after each sequence's last visible key, in K and in V: a chunk must stop there.
        int chunk = Attention.DECODE_CHUNK, batch = 2, heads = 2, kvHeads = 1, capacity = 3 * chunk, dHead = 4, length = 2 * chunk + 3;
        int[] valid = {length, chunk - 5};
        Shape s = Shape.of(batch, heads, kvHeads, 1, capacity, dHead).validLength(valid);
        float[] q = random(21, batch * heads * dHead), kc = random(22, batch * kvHeads * capacity * dHead), vc = random(23, kc.length);
        float[] want = Attention.reference(q, filled(kc, batch, capacity, length, dHead), filled(vc, batch, capacity, length, dHead), valid,
                batch, heads, kvHeads, 1, length, dHead, s.effectiveScale(), false, Attention.DOT);
        for (int b = 0; b < batch; b++) {
            for (int i = (b * capacity + valid[b]) * dHead; i < (b + 1) * capacity * dHead; i++) {
                kc[i] = Float.NaN;
                vc[i] = Float.NaN;
            }
        }
        for (Device d : TestSupport.devices()) {
            for (AttentionLaunch.DecodeVariant dv : SPLITS) {
                float[] out = new float[q.length];
                AttentionLaunch.decode(dv, q, kc, vc, out, s, length).runOnce(d);
                assertClose(d.id() + " " + dv + " with NaN past the visible keys", want, out, ATOL, RTOL);
            }
        }
    }

    @Test
    void badShapesAreRejectedBeforeAnyDeviceWork() {
        float[] q = new float[2 * 3 * 4], kv = new float[2 * 3 * 4], out = new float[q.length];
        var e = assertThrows(IllegalArgumentException.class, () -> AttentionLaunch.flash(q, kv, kv, out, Shape.of(1, 3, 2, 2, 2, 4)));
        assertThrows(IllegalArgumentException.class,
                () -> AttentionLaunch.flashStrip(q, kv, kv, out, Shape.of(1, 3, 3, 2, 2, 4).scoring(Scoring.COSINE)));
        assertTrue(e.getMessage().contains("kvHeads (2) must divide heads (3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AttentionLaunch.flash(q, new float[7], kv, out, Shape.of(1, 3, 3, 2, 2, 4)));
        assertTrue(e.getMessage().startsWith("K has 7 elements, expected batch*kvHeads*seqK*dHead"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AttentionLaunch.flashTiled(q, kv, kv, out, Shape.of(1, 3, 3, 2, 2, 5)));
        assertTrue(e.getMessage().startsWith("Q has 24 elements"), e.getMessage());   // dHead mismatch
        e = assertThrows(IllegalArgumentException.class,
                () -> AttentionLaunch.unfused(q, kv, kv, out, Shape.of(1, 3, 3, 2, 2, 4).validLength(new int[]{3}), SoftmaxLaunch.Variant.ONLINE));
        assertTrue(e.getMessage().contains("validLength[0] = 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AttentionLaunch.flash(q, kv, kv, out, Shape.of(1, 3, 3, 2, 2, 4).scoring(Scoring.ADDITIVE)));
        assertTrue(e.getMessage().contains("unfusedAdditive"), e.getMessage());
        float[] big = new float[129 * 2];
        e = assertThrows(IllegalArgumentException.class, () -> AttentionLaunch.flashTiled(big, big, big, new float[big.length], Shape.of(1, 1, 1, 2, 2, 129)));
        assertTrue(e.getMessage().contains("MAX_HEAD_DIM"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AttentionLaunch.flashPrivate(big, big, big, new float[big.length], Shape.of(1, 1, 1, 2, 2, 129)));
        assertTrue(e.getMessage().contains("flashPrivate") && e.getMessage().contains("MAX_HEAD_DIM"), e.getMessage());
    }
}
