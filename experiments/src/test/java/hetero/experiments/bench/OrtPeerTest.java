package hetero.experiments.bench;

import hetero.kernels.Activation;
import hetero.kernels.Attention;
import hetero.kernels.Gemm;
import org.junit.jupiter.api.Test;

import static hetero.experiments.bench.BaselinesTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The ONNX Runtime peer computes what our kernels compute (the float64 references), on small
 * shapes, so its timings in GemmBench and AttentionBench compare like with like. Runs on any
 * linux-x64 machine: the onnxruntime jar carries its native library.
 */
class OrtPeerTest {
    @Test
    void sgemmMatchesTheReference() {
        for (int[] s : new int[][]{{67, 70, 33}, {64, 128, 96}, {1, 5, 3}}) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = Plans.random((long) m * k, 1), b = Plans.random((long) k * n, 2);
            try (OrtPeer ort = OrtPeer.sgemm(a, b, m, n, k, 2)) {
                ort.run();
                ort.run();   // the pinned output survives a second run
                assertClose(Gemm.reference(a, b, null, m, n, k, false, Activation.NONE), ort.result(), 1e-4);
            }
        }
    }

    @Test
    void attentionMatchesTheReferenceWithAndWithoutTheCausalMask() {
        int heads = 3, dHead = 64;
        for (int seq : new int[]{1, 70, 130}) {
            for (boolean causal : new boolean[]{false, true}) {
                float[] q = Plans.random((long) heads * seq * dHead, 1), k = Plans.random((long) heads * seq * dHead, 2);
                float[] v = Plans.random((long) heads * seq * dHead, 3);
                float[] want = Attention.reference(q, k, v, new int[]{seq}, 1, heads, heads, seq, seq, dHead, (float) (1 / Math.sqrt(dHead)), causal, Attention.DOT);
                try (OrtPeer ort = OrtPeer.attention(q, k, v, heads, seq, dHead, causal, 2)) {
                    ort.run();
                    assertClose(want, ort.result(), 1e-4);
                }
            }
        }
    }

    @Test
    void theCausalPeerReallyMasks() {
        // Guards against GQA silently attending to every key: row 0 of a causal head sees key 0 only.
        int heads = 1, seq = 8, dHead = 64;
        float[] q = Plans.random(seq * dHead, 1), k = Plans.random(seq * dHead, 2), v = Plans.random(seq * dHead, 3);
        try (OrtPeer causal = OrtPeer.attention(q, k, v, heads, seq, dHead, true, 1);
             OrtPeer full = OrtPeer.attention(q, k, v, heads, seq, dHead, false, 1)) {
            causal.run();
            full.run();
            assertClose(java.util.Arrays.copyOf(v, dHead), java.util.Arrays.copyOf(causal.result(), dHead), 1e-5);
            assertNotEquals(causal.result()[0], full.result()[0]);
        }
    }
}
