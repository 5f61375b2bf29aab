package hetero.kernels;

import hetero.runtime.backend.Device;
import org.junit.jupiter.api.Test;

import static hetero.kernels.TestSupport.assertClose;
import static hetero.kernels.TestSupport.random;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GEMM variants against the double reference. Tolerance: a k-term float dot product with
 * unit-Gaussian data has error about sqrt(k) ulps of the partial sums; 1e-4 absolute plus 1e-4
 * relative covers k up to a few hundred with margin.
 */
class GemmTest {
    // (m, n, k): 1s, primes, sizes straddling the 64 x 64 x 16 tile.
    static final int[][] SHAPES = {{1, 1, 1}, {7, 13, 31}, {1, 70, 17}, {65, 3, 16}, {67, 71, 33}};

    @Test
    void everyVariantMatchesTheReference() {
        for (Device d : TestSupport.devices()) {
            for (int[] s : SHAPES) {
                int m = s[0], n = s[1], k = s[2];
                for (GemmLaunch.Variant v : GemmLaunch.Variant.values()) {
                    for (boolean transposed : new boolean[]{false, true}) {
                        for (int act : new int[]{Activation.NONE, Activation.GELU_ERF}) {
                            float[] a = random(1, m * k), b = random(2, k * n);
                            float[] bias = act == Activation.NONE ? null : random(3, n);
                            float[] c = new float[m * n];
                            GemmLaunch.of(v, a, b, bias, c, m, n, k, transposed, act).runOnce(d);
                            float[] want = Gemm.reference(a, b, bias, m, n, k, transposed, act);
                            assertClose(d.id() + " " + v + " " + m + "x" + n + "x" + k + " t=" + transposed + " act=" + act,
                                    want, c, 1e-4, 1e-4);
                        }
                    }
                }
            }
        }
    }

    /**
     * BLOCKED and STRIP (the CPU-OpenCL variants) at a shape with several work-groups in both
     * dimensions, full strips and edge strips (m % 4 = 2, n % 64 = 8, k % 4 = 3), bias + ReLU.
     */
    @Test
    void cpuVariantsOverManyBlocksAndEdges() {
        int m = 130, n = 200, k = 75;
        for (Device d : TestSupport.devices()) {
            for (GemmLaunch.Variant v : new GemmLaunch.Variant[]{GemmLaunch.Variant.BLOCKED, GemmLaunch.Variant.STRIP}) {
                float[] a = random(7, m * k), b = random(8, k * n), bias = random(9, n);
                float[] c = new float[m * n];
                GemmLaunch.of(v, a, b, bias, c, m, n, k, false, Activation.RELU).runOnce(d);
                assertClose(d.id() + " " + v, Gemm.reference(a, b, bias, m, n, k, false, Activation.RELU), c, 1e-4, 1e-4);
            }
        }
    }

    /**
     * REGISTER over several k-blocks (k = 603: blocks of 256, the last one 91 long), work-items
     * with whole 4 x 16 tiles and the scalar row remainder (m = 130 = 4 panels of 32 rows + 2),
     * and a column panel cut by n (203 = 12 * 16 + 11), bias + GELU.
     */
    @Test
    void registerTilesOverKBlocksAndEdges() {
        int m = 130, n = 203, k = 603;
        for (Device d : TestSupport.devices()) {
            float[] a = random(10, m * k), b = random(11, k * n), bias = random(12, n);
            float[] c = new float[m * n];
            GemmLaunch.of(GemmLaunch.Variant.REGISTER, a, b, bias, c, m, n, k, false, Activation.GELU_ERF).runOnce(d);
            assertClose(d.id() + " register", Gemm.reference(a, b, bias, m, n, k, false, Activation.GELU_ERF), c, 3e-4, 3e-4);
        }
    }

    @Test
    void activationsInTheEpilogue() {
        int m = 5, n = 9, k = 7;
        for (Device d : TestSupport.devices()) {
            for (int act : new int[]{Activation.RELU, Activation.GELU_ERF, Activation.GELU_TANH}) {
                float[] a = random(4, m * k), b = random(5, k * n), bias = random(6, n);
                float[] c = new float[m * n];
                GemmLaunch.of(GemmLaunch.Variant.TILED, a, b, bias, c, m, n, k, false, act).runOnce(d);
                assertClose(d.id() + " " + Activation.name(act), Gemm.reference(a, b, bias, m, n, k, false, act), c, 1e-4, 1e-4);
                if (act == Activation.RELU) for (float x : c) assertTrue(x >= 0f);
            }
        }
    }

    @Test
    void badShapesAreRejectedBeforeAnyDeviceWork() {
        float[] a = new float[6], b = new float[6], c = new float[4];
        var e = assertThrows(IllegalArgumentException.class,
                () -> GemmLaunch.of(GemmLaunch.Variant.TILED, a, b, null, c, 2, 2, 4, false, Activation.NONE));
        assertTrue(e.getMessage().contains("A has 6 elements, expected m*k"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> GemmLaunch.of(GemmLaunch.Variant.NAIVE, a, b, new float[3], c, 2, 2, 3, false, Activation.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> GemmLaunch.of(GemmLaunch.Variant.NAIVE, a, b, null, c, 0, 2, 3, false, Activation.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> GemmLaunch.of(GemmLaunch.Variant.NAIVE, a, b, null, c, 2, 2, 3, false, 9));
    }
}
