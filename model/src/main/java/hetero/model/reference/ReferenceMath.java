package hetero.model.reference;

/**
 * Float64 building blocks of the reference model. Written directly from the formulas, independently of any
 * kernel code, so that kernels can be checked against it. Matrices are flat row-major double arrays; weights are
 * the model's float arrays, laid out [in x out] (y = x W + b).
 */
public final class ReferenceMath {
    private ReferenceMath() { }

    /** LayerNorm epsilon (added to the biased variance), as PyTorch's default. */
    public static final double LAYER_NORM_EPS = 1e-5;

    /**
     * erf(x) by the everywhere-convergent series of Abramowitz &amp; Stegun 7.1.6:
     * erf(x) = (2/sqrt(pi)) exp(-x^2) sum_{n>=0} 2^n x^(2n+1) / (1*3*...*(2n+1)).
     * All terms have the sign of x, so there is no cancellation; relative error ~1e-16 per term, ~1e-15 overall.
     * For |x| >= 6, erf(x) = +-1 to double precision (erfc(6) ~ 2e-17).
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) return Double.NaN;
        if (x >= 6) return 1.0;
        if (x <= -6) return -1.0;
        double term = x, sum = x, x2 = x * x;
        for (int n = 1; n < 500 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        return 2 / Math.sqrt(Math.PI) * Math.exp(-x2) * sum;
    }

    /** Exact GELU: x * Phi(x) = x/2 (1 + erf(x / sqrt 2)). */
    public static double gelu(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    public static double relu(double x) { return x > 0 ? x : 0; }

    /** y[rows x out] = x[rows x in] W[in x out] + b (b may be null). */
    public static double[] linear(double[] x, int rows, int in, float[] w, float[] b, int out) {
        if (x.length < (long) rows * in || w.length != (long) in * out || (b != null && b.length != out))
            throw new IllegalArgumentException("linear: shapes do not match");
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) y[r * out + o] = b == null ? 0 : b[o];
            for (int i = 0; i < in; i++) {
                double xi = x[r * in + i];
                int wRow = i * out;
                for (int o = 0; o < out; o++) y[r * out + o] += xi * w[wRow + o];
            }
        }
        return y;
    }

    /** Row-wise LayerNorm with biased variance and {@link #LAYER_NORM_EPS}. */
    public static double[] layerNorm(double[] x, int rows, int d, float[] gamma, float[] beta) {
        double[] y = new double[rows * d];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int i = 0; i < d; i++) mean += x[r * d + i];
            mean /= d;
            double var = 0;
            for (int i = 0; i < d; i++) {
                double c = x[r * d + i] - mean;
                var += c * c;
            }
            var /= d;
            double inv = 1 / Math.sqrt(var + LAYER_NORM_EPS);
            for (int i = 0; i < d; i++) y[r * d + i] = (x[r * d + i] - mean) * inv * gamma[i] + beta[i];
        }
        return y;
    }

    public static double[] add(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("add: lengths differ");
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) y[i] = a[i] + b[i];
        return y;
    }

    /**
     * Sinusoidal position encoding (Vaswani et al.): PE(pos, 2i) = sin(pos / 10000^(2i/d)),
     * PE(pos, 2i+1) = cos(pos / 10000^(2i/d)).
     */
    public static double position(int pos, int dim, int d) {
        int pair = dim / 2;
        double angle = pos / Math.pow(10000.0, 2.0 * pair / d);
        return dim % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
    }
}
