package hetero.runtime.api;

/**
 * Float math for kernels. Each method runs as ordinary Java on the JVM backend and is mapped by
 * the JIT to the device's native builtin (OpenCL C {@code exp}, {@code fma}, ...; PTX instructions).
 *
 * <p>Accuracy: the JVM versions are correctly rounded or within 1 ulp; the device builtins follow
 * the OpenCL C full-profile bounds (for example {@code exp} within 3 ulp, {@code tanh} within 5,
 * {@code rsqrt} within 2), so device results are compared with a tolerance, not bit for bit.
 * {@link #max} and {@link #min} (float) have one rule on every backend: a NaN operand yields the
 * other one (IEEE maxNum/minNum, what device {@code fmax}/{@code fmin} do), and -0.0 is smaller
 * than 0.0 ({@code max(-0f, 0f)} and {@code max(0f, -0f)} are 0f, {@code min} of them is -0f). Use
 * {@code Math.max}/{@code Math.min} for Java's rule, where NaN wins.
 */
public final class KMath {
    private KMath() {
    }

    public static float exp(float x) { return (float) Math.exp(x); }

    public static float log(float x) { return (float) Math.log(x); }

    public static float sqrt(float x) { return (float) Math.sqrt(x); }

    public static float rsqrt(float x) { return (float) (1.0 / Math.sqrt(x)); }

    public static float tanh(float x) { return (float) Math.tanh(x); }

    public static float pow(float x, float y) { return (float) Math.pow(x, y); }

    public static float sin(float x) { return (float) Math.sin(x); }

    public static float cos(float x) { return (float) Math.cos(x); }

    public static float abs(float x) { return Math.abs(x); }

    public static float floor(float x) { return (float) Math.floor(x); }

    public static float ceil(float x) { return (float) Math.ceil(x); }

    /** a * b + c with a single rounding. */
    public static float fma(float a, float b, float c) { return Math.fma(a, b, c); }

    public static float max(float a, float b) {
        if (Float.isNaN(a)) return b;
        if (Float.isNaN(b)) return a;
        return Math.max(a, b);
    }

    public static float min(float a, float b) {
        if (Float.isNaN(a)) return b;
        if (Float.isNaN(b)) return a;
        return Math.min(a, b);
    }

    public static int max(int a, int b) { return Math.max(a, b); }

    public static int min(int a, int b) { return Math.min(a, b); }

    /**
     * The error function. Java has none, so the JVM version sums its Taylor series in double
     * (|x| < 4, where float needs it; erf rounds to +-1 in float beyond that).
     */
    public static float erf(float x) {
        double ax = Math.abs((double) x);
        if (ax >= 4.0) return Math.copySign(1.0f, x);
        double x2 = (double) x * x, term = x, sum = x;
        for (int n = 1; n < 200; n++) {
            term *= -x2 / n;
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
        }
        return (float) (sum * 1.1283791670955126); // 2 / sqrt(pi)
    }
}
