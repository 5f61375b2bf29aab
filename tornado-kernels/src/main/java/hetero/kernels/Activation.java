package hetero.kernels;

import uk.ac.manchester.tornado.api.math.TornadoMath;

/**
 * Element-wise activations used in GEMM epilogues. Kernels take the activation as an int code;
 * launchers specialize it, so the branch below folds away in the compiled kernel.
 */
public final class Activation {
    public static final int NONE = 0;
    public static final int RELU = 1;
    /** Exact GELU: x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)). */
    public static final int GELU_ERF = 2;
    /** The tanh approximation of GELU (Hendrycks and Gimpel; GPT-2/BERT code). */
    public static final int GELU_TANH = 3;

    static final float INV_SQRT2 = 0.70710678118654752f;
    static final float SQRT_2_OVER_PI = 0.79788456080286536f;
    static final float GELU_CUBIC = 0.044715f;

    private Activation() {
    }

    public static String name(int activation) {
        return switch (activation) {
            case NONE -> "none";
            case RELU -> "relu";
            case GELU_ERF -> "gelu";
            case GELU_TANH -> "gelu_tanh";
            default -> throw new IllegalArgumentException("unknown activation code " + activation);
        };
    }

    static void check(int activation) {
        name(activation);
    }

    /** Device function: the activation of one value. */
    public static float apply(float x, int activation) {
        if (activation == RELU) return TornadoMath.max(x, 0.0f);
        if (activation == GELU_ERF) return 0.5f * x * (1.0f + erfFloat(x * INV_SQRT2));
        if (activation == GELU_TANH) {
            float inner = SQRT_2_OVER_PI * Math.fma(GELU_CUBIC * x, x * x, x);
            return 0.5f * x * (1.0f + TornadoMath.tanh(inner));
        }
        return x;
    }

    /**
     * Device function: erf in float (TornadoMath has none), Abramowitz and Stegun 7.1.26: absolute
     * error under 1.5e-7 plus float rounding, with t = 1 / (1 + p |x|).
     */
    public static float erfFloat(float x) {
        float ax = TornadoMath.abs(x);
        float t = 1.0f / Math.fma(0.3275911f, ax, 1.0f);
        float poly = Math.fma(Math.fma(Math.fma(Math.fma(1.061405429f, t, -1.453152027f), t, 1.421413741f), t, -0.284496736f), t, 0.254829592f) * t;
        float y = 1.0f - poly * TornadoMath.exp(-ax * ax);
        return x < 0 ? -y : y;
    }

    /** Host reference in double. */
    public static double reference(double x, int activation) {
        return switch (activation) {
            case RELU -> Math.max(x, 0.0);
            case GELU_ERF -> 0.5 * x * (1.0 + erf(x / Math.sqrt(2.0)));
            case GELU_TANH -> 0.5 * x * (1.0 + Math.tanh(Math.sqrt(2.0 / Math.PI) * (x + 0.044715 * x * x * x)));
            default -> x;
        };
    }

    /** erf in double: Taylor series for |x| < 5 (about 9 correct digits at the edge), +-1 beyond. */
    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax >= 5.0) return Math.copySign(1.0, x);
        double x2 = x * x, term = x, sum = x;
        for (int n = 1; n < 400; n++) {
            term *= -x2 / n;
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
        }
        return sum * 1.1283791670955126;
    }
}
