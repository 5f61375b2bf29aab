package hetero.experiments.bench;

import hetero.kernels.Activation;
import hetero.kernels.Attention;
import hetero.kernels.Gemm;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure-Java peers compute the same thing as the float64 references (else their timings mean nothing). */
class BaselinesTest {
    @Test
    void vectorGemmMatchesTheReference() {
        // Full micro-kernel blocks, row and column edges, several k panels (k > KC = 256).
        for (int[] s : new int[][]{{128, 128, 64}, {67, 70, 33}, {1, 5, 3}, {72, 64, 600}}) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = Plans.random((long) m * k, 1), b = Plans.random((long) k * n, 2), c = new float[m * n];
            VectorGemm.multiply(a, b, c, m, n, k);
            assertClose(Gemm.reference(a, b, null, m, n, k, false, Activation.NONE), c, 1e-4);
        }
    }

    @Test
    void vectorAttentionMatchesTheReference() {
        int heads = 2, dHead = 64;
        for (int seq : new int[]{1, 70, 130}) {
            for (boolean causal : new boolean[]{false, true}) {
                float[] q = Plans.random((long) heads * seq * dHead, 1), k = Plans.random((long) heads * seq * dHead, 2);
                float[] v = Plans.random((long) heads * seq * dHead, 3), out = new float[heads * seq * dHead];
                VectorAttention.forward(q, k, v, out, heads, seq, dHead, causal);
                float[] want = Attention.reference(q, k, v, new int[]{seq}, 1, heads, heads, seq, seq, dHead, (float) (1 / Math.sqrt(dHead)), causal, Attention.DOT);
                assertClose(want, out, 1e-4);
            }
        }
    }

    static void assertClose(float[] want, float[] got, double tol) {
        for (int i = 0; i < want.length; i++) {
            double d = Math.abs(want[i] - got[i]);
            assertTrue(d <= tol + tol * Math.abs(want[i]), "element " + i + ": " + got[i] + " vs " + want[i]);
        }
    }
}
