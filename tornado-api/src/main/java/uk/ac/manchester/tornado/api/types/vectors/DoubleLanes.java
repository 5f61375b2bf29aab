package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;

import java.util.function.DoubleBinaryOperator;

/**
 * The operations of Double2, Double4 and Double8, written once over their lanes (a double[] of any
 * length): each class keeps its constructors and named lanes and delegates every operation here in
 * one line. Every result is a new array, which the class wraps without a copy. Kernels cannot use
 * these classes (the JIT refuses them by name), so this code runs on the host and the jvm backend.
 */
final class DoubleLanes {
    private DoubleLanes() {
    }

    /** A copy of {@code values}, which must hold exactly {@code lanes} values for class {@code owner}. */
    static double[] of(String owner, int lanes, double[] values) {
        if (values.length != lanes) throw new IllegalArgumentException(owner + " needs " + lanes + " values, got " + values.length);
        return values.clone();
    }

    /** {@code array[index .. index + lanes - 1]}. */
    static double[] load(DoubleArray array, int index, int lanes) {
        double[] r = new double[lanes];
        for (int i = 0; i < lanes; i++) r[i] = array.get(index + i);
        return r;
    }

    /** Stores the lanes at {@code array[index ..]}. */
    static void store(double[] v, DoubleArray array, int index) {
        for (int i = 0; i < v.length; i++) array.set(index + i, v[i]);
    }

    /** {@code array[index .. index + lanes - 1]} of a heap array. */
    static double[] load(double[] array, int index, int lanes) {
        double[] r = new double[lanes];
        System.arraycopy(array, index, r, 0, lanes);
        return r;
    }

    /** Stores the lanes at {@code array[index ..]} of a heap array. */
    static void store(double[] v, double[] array, int index) {
        System.arraycopy(v, 0, array, index, v.length);
    }

    /** Lane by lane {@code op(a[i], b[i])}: the one loop of every lane-wise operation. */
    static double[] lanes(double[] a, double[] b, DoubleBinaryOperator op) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) r[i] = op.applyAsDouble(a[i], b[i]);
        return r;
    }

    /** Lane by lane {@code op(a[i], s)}. */
    static double[] lanes(double[] a, double s, DoubleBinaryOperator op) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) r[i] = op.applyAsDouble(a[i], s);
        return r;
    }

    static double[] add(double[] a, double[] b) {
        return lanes(a, b, Double::sum);
    }

    static double[] sub(double[] a, double[] b) {
        return lanes(a, b, (x, y) -> x - y);
    }

    static double[] mult(double[] a, double[] b) {
        return lanes(a, b, (x, y) -> x * y);
    }

    static double[] div(double[] a, double[] b) {
        return lanes(a, b, (x, y) -> x / y);
    }

    static double[] min(double[] a, double[] b) {
        return lanes(a, b, Math::min);
    }

    static double[] max(double[] a, double[] b) {
        return lanes(a, b, Math::max);
    }

    static double[] add(double[] a, double s) {
        return lanes(a, s, Double::sum);
    }

    static double[] mult(double[] a, double s) {
        return lanes(a, s, (x, y) -> x * y);
    }

    /** {@code s = 0; s += a[i] * b[i]} from lane 0 on. */
    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** {@code s = 0; s += a[i]} from lane 0 on. */
    static double sum(double[] a) {
        double s = 0;
        for (double x : a) s += x;
        return s;
    }

    /** Lanes equal as Java's == compares them (NaN equals nothing, -0.0 equals 0.0), unlike equals(). */
    static boolean isEqual(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) if (a[i] != b[i]) return false;
        return true;
    }

    static double[] sqrt(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) r[i] = Math.sqrt(a[i]);
        return r;
    }

    /** The Euclidean length, the square root of dot(a, a). */
    static double length(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** Lane by lane a * b + c with one rounding (Math.fma). */
    static double[] fma(double[] a, double[] b, double[] c) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) r[i] = Math.fma(a[i], b[i], c[i]);
        return r;
    }
}
