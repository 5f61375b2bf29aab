package hetero.model.reference;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReferenceAttentionTest {

    static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextDouble(-2, 2);
        return a;
    }

    @Test
    void erfAndGeluMatchKnownValues() {
        assertEquals(0.0, ReferenceMath.erf(0), 0);
        assertEquals(0.5204998778130465, ReferenceMath.erf(0.5), 1e-15);
        assertEquals(0.8427007929497149, ReferenceMath.erf(1), 1e-15);
        assertEquals(0.9953222650189527, ReferenceMath.erf(2), 1e-15);
        assertEquals(0.9999779095030014, ReferenceMath.erf(3), 1e-15);
        assertEquals(-0.8427007929497149, ReferenceMath.erf(-1), 1e-15);
        assertEquals(1.0, ReferenceMath.erf(7), 0);
        assertEquals(0.8413447460685429, ReferenceMath.gelu(1), 1e-15);   // Phi(1)
        assertEquals(-0.04550026389635842, ReferenceMath.gelu(-2), 1e-15); // -2 * Phi(-2)
        assertEquals(0, ReferenceMath.relu(-3));
    }

    @Test
    void probabilityRowsSumToOneAndRespectMasks() {
        int heads = 4, kvHeads = 2, dHead = 3, nq = 5, nk = 5, valid = 4;
        double[] q = random(nq * heads * dHead, 1), k = random(nk * kvHeads * dHead, 2), v = random(nk * kvHeads * dHead, 3);
        for (boolean causal : new boolean[] {false, true}) {
            double[] p = new double[heads * nq * nk];
            ReferenceAttention.attend(q, nq, k, v, nk, heads, kvHeads, dHead, valid, causal, 0, p);
            for (int h = 0; h < heads; h++)
                for (int i = 0; i < nq; i++) {
                    double sum = 0;
                    for (int j = 0; j < nk; j++) {
                        double pij = p[(h * nq + i) * nk + j];
                        boolean visible = j < valid && (!causal || j <= i);
                        if (!visible) assertEquals(0, pij, 0, "masked key must get probability 0");
                        else assertTrue(pij > 0);
                        sum += pij;
                    }
                    assertEquals(1, sum, 1e-12);
                }
        }
    }

    @Test
    void fullyMaskedRowsGiveZeros() {
        double[] q = random(2 * 4, 4), k = random(3 * 4, 5), v = random(3 * 4, 6);
        double[] p = new double[2 * 2 * 3];
        double[] out = ReferenceAttention.attend(q, 2, k, v, 3, 2, 2, 2, 0, false, 0, p);
        for (double x : out) assertEquals(0, x, 0);
        for (double x : p) assertEquals(0, x, 0);
    }

    @Test
    void groupedQueryHeadsReadTheirSharedKvHead() {
        // GQA with kvHeads = 2 must equal MHA where KV head g is copied to query heads 2g and 2g+1.
        int heads = 4, kvHeads = 2, dHead = 3, n = 4;
        double[] q = random(n * heads * dHead, 7), k = random(n * kvHeads * dHead, 8), v = random(n * kvHeads * dHead, 9);
        double[] kFull = new double[n * heads * dHead], vFull = new double[n * heads * dHead];
        for (int j = 0; j < n; j++)
            for (int h = 0; h < heads; h++)
                for (int c = 0; c < dHead; c++) {
                    kFull[(j * heads + h) * dHead + c] = k[(j * kvHeads + h / 2) * dHead + c];
                    vFull[(j * heads + h) * dHead + c] = v[(j * kvHeads + h / 2) * dHead + c];
                }
        double[] gqa = ReferenceAttention.attend(q, n, k, v, n, heads, kvHeads, dHead, n, true, 0, null);
        double[] mha = ReferenceAttention.attend(q, n, kFull, vFull, n, heads, heads, dHead, n, true, 0, null);
        assertArrayEquals(mha, gqa, 1e-14);
        // and differs from pairing heads the other way round (h % kvHeads), so the mapping matters
        for (int j = 0; j < n; j++)
            for (int h = 0; h < heads; h++)
                for (int c = 0; c < dHead; c++) kFull[(j * heads + h) * dHead + c] = k[(j * kvHeads + h % 2) * dHead + c];
        double[] wrong = ReferenceAttention.attend(q, n, kFull, vFull, n, heads, heads, dHead, n, true, 0, null);
        assertFalse(java.util.Arrays.equals(gqa, wrong));
    }

    @Test
    void singleKeyCopiesItsValue() {
        double[] v = {0.25, -1.5};
        double[] out = ReferenceAttention.attend(new double[] {3, 4}, 1, new double[] {1, 1}, v, 1, 1, 1, 2, 1, false, 0, null);
        assertArrayEquals(v, out, 1e-15);
    }
}
