package hetero.experiments.workload;

/**
 * Errors of a result against a float64 reference (and, for approximations of softmax attention, the distance
 * from it: {@link #diffVsSoftmax}, NaN where it does not apply).
 *
 * <p>Relative error of element i is {@code |got - ref| / max(|ref|, 1e-6 * max_j |ref_j|)}: the
 * floor keeps near-zero reference values (which float32 cannot resolve relative to the rest of the
 * tensor) from dominating.
 */
public record Accuracy(double maxAbs, double maxRel, Checked checked, double diffVsSoftmax) implements java.io.Serializable {
    /** FULL: every element compared; SAMPLE: a deterministic subset (large outputs); NONE: not checked. */
    public enum Checked { FULL, SAMPLE, NONE }

    /** Without a softmax comparison (every workload but linear and local attention). */
    public Accuracy(double maxAbs, double maxRel, Checked checked) {
        this(maxAbs, maxRel, checked, Double.NaN);
    }

    /**
     * The same errors, plus the largest |result - exact softmax attention| over the checked elements: how far an
     * approximation (linear, local attention) lands from softmax attention on the same inputs. A quantity of the
     * method, not an error of the kernel.
     */
    public Accuracy withDiffVsSoftmax(double diff) {
        return new Accuracy(maxAbs, maxRel, checked, diff);
    }

    public static final Accuracy UNCHECKED = new Accuracy(Double.NaN, Double.NaN, Checked.NONE);

    /** Compares all elements. */
    public static Accuracy compare(float[] got, double[] ref) {
        return compare(got, ref, Integer.MAX_VALUE);
    }

    /**
     * Compares at most {@code maxChecks} elements at an even stride (always including the first and
     * the last), so that checking a huge output does not cost more than computing it.
     */
    public static Accuracy compare(float[] got, double[] ref, int maxChecks) {
        if (got.length != ref.length) throw new IllegalArgumentException("result has " + got.length + " elements, reference " + ref.length);
        int n = got.length;
        boolean sample = n > maxChecks;
        long stride = sample ? Math.max(1, (n - 1) / Math.max(1, maxChecks - 1)) : 1;
        double scale = 0;
        for (long i = 0; i < n; i += stride) scale = Math.max(scale, Math.abs(ref[(int) i]));
        if (n > 0) scale = Math.max(scale, Math.abs(ref[n - 1]));
        double floor = Math.max(1e-6 * scale, Double.MIN_NORMAL);
        double abs = 0, rel = 0;
        for (long i = 0; i < n; i += stride) {
            double e = err(got[(int) i], ref[(int) i]);
            abs = Math.max(abs, e);
            rel = Math.max(rel, e / Math.max(Math.abs(ref[(int) i]), floor));
        }
        if (n > 0) {
            double e = err(got[n - 1], ref[n - 1]);
            abs = Math.max(abs, e);
            rel = Math.max(rel, e / Math.max(Math.abs(ref[n - 1]), floor));
        }
        return new Accuracy(abs, rel, sample ? Checked.SAMPLE : Checked.FULL);
    }

    /** NaN or infinity in the result is an infinite error, not a NaN that max() would drop. */
    private static double err(float got, double ref) {
        double e = Math.abs(got - ref);
        return Double.isFinite(e) ? e : Double.POSITIVE_INFINITY;
    }
}
