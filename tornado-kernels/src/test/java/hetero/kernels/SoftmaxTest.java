package hetero.kernels;

import hetero.runtime.backend.Device;
import org.junit.jupiter.api.Test;

import static hetero.kernels.TestSupport.assertClose;
import static hetero.kernels.TestSupport.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Softmax variants vs the double reference; tolerance 1e-6 absolute + 1e-5 relative (probabilities <= 1). */
class SoftmaxTest {
    static final int[][] SHAPES = {{1, 1}, {7, 13}, {3, 31}, {2, 129}, {5, 300}};

    @Test
    void everyVariantMatchesTheReference() {
        for (Device d : TestSupport.devices()) {
            for (int[] s : SHAPES) {
                int rows = s[0], cols = s[1];
                float[] x = random(rows * 31L + cols, rows * cols);
                for (int i = 0; i < x.length; i++) x[i] *= 10f;   // wide range: stability matters
                for (SoftmaxLaunch.Variant v : SoftmaxLaunch.Variant.values()) {
                    float[] out = new float[rows * cols];
                    SoftmaxLaunch.of(v, x, out, rows, cols).runOnce(d);
                    assertClose(d.id() + " " + v + " " + rows + "x" + cols, Softmax.reference(x, rows, cols), out, 1e-6, 1e-5);
                }
            }
        }
    }

    @Test
    void largeInputsDoNotOverflowAndMaskedEntriesGetZero() {
        int rows = 3, cols = 5;
        float inf = Float.NEGATIVE_INFINITY;
        float[] x = {1000f, 999f, inf, 998f, 1000f,
                     inf, inf, inf, inf, inf,          // fully masked row: zeros by convention
                     -5f, inf, 3f, inf, inf};
        for (Device d : TestSupport.devices()) {
            for (SoftmaxLaunch.Variant v : SoftmaxLaunch.Variant.values()) {
                float[] out = new float[rows * cols];
                SoftmaxLaunch.of(v, x, out, rows, cols).runOnce(d);
                assertClose(d.id() + " " + v, Softmax.reference(x, rows, cols), out, 1e-6, 1e-5);
                assertEquals(0f, out[2]);
                for (int j = 5; j < 10; j++) assertEquals(0f, out[j], v + " fully masked row");
                double rowSum = out[0] + out[1] + out[3] + out[4];
                assertEquals(1.0, rowSum, 1e-5);
            }
        }
    }

    @Test
    void badShapesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxLaunch.of(SoftmaxLaunch.Variant.ONLINE, new float[10], new float[12], 3, 4));
        assertEquals("x has 10 elements, expected rows*cols = 3*4 = 12", e.getMessage());
    }
}
