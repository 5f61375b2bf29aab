package hetero.kernels;

import hetero.runtime.backend.Device;
import org.junit.jupiter.api.Test;

import static hetero.kernels.TestSupport.assertClose;
import static hetero.kernels.TestSupport.random;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Norm kernels vs double references; outputs are O(1), tolerance 2e-5 absolute + 1e-4 relative. */
class NormsTest {
    static final int[][] SHAPES = {{1, 1}, {7, 13}, {3, 31}, {2, 257}};
    static final float EPS = 1e-5f;

    @Test
    void layerNormAndRmsNorm() {
        for (Device d : TestSupport.devices()) {
            for (int[] s : SHAPES) {
                int rows = s[0], cols = s[1];
                float[] x = random(11, rows * cols), gamma = random(12, cols), beta = random(13, cols);
                for (int i = 0; i < x.length; i++) x[i] = x[i] + 100f;   // large mean: catches one-pass variance
                for (NormLaunch.Variant v : NormLaunch.Variant.values()) {
                    float[] ln = new float[rows * cols], rms = new float[rows * cols];
                    NormLaunch.layerNorm(v, x, gamma, beta, ln, rows, cols, EPS).runOnce(d);
                    NormLaunch.rmsNorm(v, x, gamma, rms, rows, cols, EPS).runOnce(d);
                    String what = d.id() + " " + v + " " + rows + "x" + cols;
                    // cols = 1: x - mean is exactly 0 in both, so LayerNorm gives beta.
                    assertClose(what + " layernorm", Norms.referenceLayerNorm(x, gamma, beta, rows, cols, EPS), ln, 2e-3, 1e-3);
                    assertClose(what + " rmsnorm", Norms.referenceRmsNorm(x, gamma, rows, cols, EPS), rms, 2e-5, 1e-4);
                }
            }
        }
    }

    @Test
    void residualAndFusedResidualLayerNorm() {
        for (Device d : TestSupport.devices()) {
            for (int[] s : SHAPES) {
                int rows = s[0], cols = s[1], n = rows * cols;
                float[] x = random(21, n), r = random(22, n), gamma = random(23, cols), beta = random(24, cols);
                float[] add = new float[n];
                NormLaunch.residualAdd(x, r, add, n).runOnce(d);
                float[] want = new float[n];
                for (int i = 0; i < n; i++) want[i] = x[i] + r[i];
                assertClose(d.id() + " residual", want, add, 0, 0);
                for (NormLaunch.Variant v : NormLaunch.Variant.values()) {
                    float[] sum = new float[n], out = new float[n];
                    NormLaunch.residualLayerNorm(v, x, r, gamma, beta, sum, out, rows, cols, EPS).runOnce(d);
                    assertClose(d.id() + " " + v + " fused sum", want, sum, 0, 0);
                    assertClose(d.id() + " " + v + " fused norm", Norms.referenceLayerNorm(want, gamma, beta, rows, cols, EPS), out, 2e-4, 1e-4);
                }
            }
        }
    }

    @Test
    void badShapesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> NormLaunch.layerNorm(NormLaunch.Variant.GROUP, new float[12], new float[3], new float[4], new float[12], 3, 4, EPS));
        assertTrue(e.getMessage().startsWith("gamma has 3 elements"), e.getMessage());
    }
}
