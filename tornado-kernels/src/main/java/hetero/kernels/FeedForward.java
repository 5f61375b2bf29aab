package hetero.kernels;

import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * Position-wise feed-forward block: out = act(x W1 + b1) W2 + b2, x [rows x dModel],
 * W1 [dModel x dFF], W2 [dFF x dModel] (row-major, "C = A B"; weights stored as nn.Linear's
 * [out x in] go through the transposed-B GEMMs instead), hidden [rows x dFF].
 *
 * <p>Variants: UNFUSED (GEMM, then a separate bias + activation pass over the hidden matrix: one
 * extra write and read of rows x dFF floats), FUSED_NAIVE and FUSED_TILED (bias and activation
 * applied in the GEMM epilogue while the value is still in a register). The GEMMs themselves are
 * {@link Gemm}'s; this class holds the reference and the unfused epilogue kernel.
 */
public final class FeedForward {
    private FeedForward() {
    }

    /** Double-precision reference. */
    public static float[] reference(float[] x, float[] w1, float[] b1, float[] w2, float[] b2, int rows, int dModel, int dFF, int activation) {
        float[] hidden = Gemm.reference(x, w1, b1, rows, dFF, dModel, false, activation);
        return Gemm.reference(hidden, w2, b2, rows, dModel, dFF, false, Activation.NONE);
    }

    /** The unfused epilogue: h[r][j] = act(h[r][j] + bias[j]) in place. Grid: 2D (cols, rows). */
    public static void biasActivation(float[] h, float[] bias, int rows, int cols, int activation) {
        for (@Parallel int j = 0; j < cols; j++) {
            for (@Parallel int r = 0; r < rows; r++) {
                h[r * cols + j] = Activation.apply(h[r * cols + j] + bias[j], activation);
            }
        }
    }
}
