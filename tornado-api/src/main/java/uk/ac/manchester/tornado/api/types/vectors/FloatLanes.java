package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/**
 * The operations of Float2, Float3, Float4, Float8 and Float16, written once over their lanes (a
 * float[] of any length): each class keeps its constructors and named lanes and delegates every
 * operation here in one line. Every result is a new array, which the class wraps without a copy.
 * This code runs on the host and on the jvm backend; inside kernels the JIT replaces the classes'
 * calls by device vector code (runtime's VectorCalls), which keeps the rules written here:
 * reductions from lane 0, Math.min/max lane by lane, one rounding per lane in fma.
 */
final class FloatLanes {
    private FloatLanes() {
    }

    /** One lane's result from two lanes (Java has no float functional interface). */
    @FunctionalInterface
    interface Op {
        float apply(float x, float y);
    }

    /** A copy of {@code values}, which must hold exactly {@code lanes} values for class {@code owner}. */
    static float[] of(String owner, int lanes, float[] values) {
        if (values.length != lanes) throw new IllegalArgumentException(owner + " needs " + lanes + " values, got " + values.length);
        return values.clone();
    }

    /** {@code array[index .. index + lanes - 1]}. */
    static float[] load(FloatArray array, int index, int lanes) {
        float[] r = new float[lanes];
        for (int i = 0; i < lanes; i++) r[i] = array.get(index + i);
        return r;
    }

    /** Stores the lanes at {@code array[index ..]}. */
    static void store(float[] v, FloatArray array, int index) {
        for (int i = 0; i < v.length; i++) array.set(index + i, v[i]);
    }

    /** {@code array[index .. index + lanes - 1]} of a heap array. */
    static float[] load(float[] array, int index, int lanes) {
        float[] r = new float[lanes];
        System.arraycopy(array, index, r, 0, lanes);
        return r;
    }

    /** Stores the lanes at {@code array[index ..]} of a heap array. */
    static void store(float[] v, float[] array, int index) {
        System.arraycopy(v, 0, array, index, v.length);
    }

    /** Lane by lane {@code op(a[i], b[i])}: the one loop of every lane-wise operation. */
    static float[] lanes(float[] a, float[] b, Op op) {
        float[] r = new float[a.length];
        for (int i = 0; i < r.length; i++) r[i] = op.apply(a[i], b[i]);
        return r;
    }

    /** Lane by lane {@code op(a[i], s)}. */
    static float[] lanes(float[] a, float s, Op op) {
        float[] r = new float[a.length];
        for (int i = 0; i < r.length; i++) r[i] = op.apply(a[i], s);
        return r;
    }

    /** {@code op} over the lanes from {@code a[0]} on: {@code op(...op(op(a[0], a[1]), a[2])..., a[n-1])}. */
    static float reduce(float[] a, Op op) {
        float m = a[0];
        for (int i = 1; i < a.length; i++) m = op.apply(m, a[i]);
        return m;
    }

    static float[] add(float[] a, float[] b) {
        return lanes(a, b, Float::sum);
    }

    static float[] sub(float[] a, float[] b) {
        return lanes(a, b, (x, y) -> x - y);
    }

    static float[] mult(float[] a, float[] b) {
        return lanes(a, b, (x, y) -> x * y);
    }

    static float[] div(float[] a, float[] b) {
        return lanes(a, b, (x, y) -> x / y);
    }

    static float[] min(float[] a, float[] b) {
        return lanes(a, b, Math::min);
    }

    static float[] max(float[] a, float[] b) {
        return lanes(a, b, Math::max);
    }

    static float[] add(float[] a, float s) {
        return lanes(a, s, Float::sum);
    }

    static float[] sub(float[] a, float s) {
        return lanes(a, s, (x, y) -> x - y);
    }

    static float[] mult(float[] a, float s) {
        return lanes(a, s, (x, y) -> x * y);
    }

    static float[] div(float[] a, float s) {
        return lanes(a, s, (x, y) -> x / y);
    }

    /** The smallest lane, Math.min from lane 0 on (NaN wins, -0.0 is below 0.0). */
    static float min(float[] a) {
        return reduce(a, Math::min);
    }

    /** The largest lane, Math.max from lane 0 on. */
    static float max(float[] a) {
        return reduce(a, Math::max);
    }

    /** {@code s = 0; s += a[i] * b[i]} from lane 0 on, each product and sum rounded to float. */
    static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** {@code s = 0; s += a[i]} from lane 0 on (0.0f first, so the sum of -0.0 lanes is 0.0). */
    static float sum(float[] a) {
        float s = 0;
        for (float x : a) s += x;
        return s;
    }

    /** Lanes equal as Java's == compares them (NaN equals nothing, -0.0 equals 0.0), unlike equals(). */
    static boolean isEqual(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) if (a[i] != b[i]) return false;
        return true;
    }

    /** Lane by lane the square root, computed in double and rounded to float once. */
    static float[] sqrt(float[] a) {
        float[] r = new float[a.length];
        for (int i = 0; i < r.length; i++) r[i] = (float) Math.sqrt(a[i]);
        return r;
    }

    /** The Euclidean length, the square root of dot(a, a). */
    static float length(float[] a) {
        return (float) Math.sqrt(dot(a, a));
    }

    /** Lane by lane a * b + c with one rounding (Math.fma). */
    static float[] fma(float[] a, float[] b, float[] c) {
        float[] r = new float[a.length];
        for (int i = 0; i < r.length; i++) r[i] = Math.fma(a[i], b[i], c[i]);
        return r;
    }
}
