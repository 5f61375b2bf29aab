package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.util.Arrays;
import java.util.function.IntBinaryOperator;

/**
 * The operations of Int2, Int3, Int4 and Int8, written once over their lanes (an int[] of any
 * length): each class keeps its constructors and named lanes and delegates every operation here in
 * one line. Every result is a new array, which the class wraps without a copy. Arithmetic is Java's
 * int arithmetic (it wraps around; division truncates and throws on a zero lane). Kernels cannot use
 * these classes (the JIT refuses them by name), so this code runs on the host and the jvm backend.
 */
final class IntLanes {
    private IntLanes() {
    }

    /** A copy of {@code values}, which must hold exactly {@code lanes} values for class {@code owner}. */
    static int[] of(String owner, int lanes, int[] values) {
        if (values.length != lanes) throw new IllegalArgumentException(owner + " needs " + lanes + " values, got " + values.length);
        return values.clone();
    }

    /** {@code array[index .. index + lanes - 1]}. */
    static int[] load(IntArray array, int index, int lanes) {
        int[] r = new int[lanes];
        for (int i = 0; i < lanes; i++) r[i] = array.get(index + i);
        return r;
    }

    /** Stores the lanes at {@code array[index ..]}. */
    static void store(int[] v, IntArray array, int index) {
        for (int i = 0; i < v.length; i++) array.set(index + i, v[i]);
    }

    /** {@code array[index .. index + lanes - 1]} of a heap array. */
    static int[] load(int[] array, int index, int lanes) {
        int[] r = new int[lanes];
        System.arraycopy(array, index, r, 0, lanes);
        return r;
    }

    /** Stores the lanes at {@code array[index ..]} of a heap array. */
    static void store(int[] v, int[] array, int index) {
        System.arraycopy(v, 0, array, index, v.length);
    }

    /** Lane by lane {@code op(a[i], b[i])}: the one loop of every lane-wise operation. */
    static int[] lanes(int[] a, int[] b, IntBinaryOperator op) {
        int[] r = new int[a.length];
        for (int i = 0; i < r.length; i++) r[i] = op.applyAsInt(a[i], b[i]);
        return r;
    }

    /** Lane by lane {@code op(a[i], s)}. */
    static int[] lanes(int[] a, int s, IntBinaryOperator op) {
        int[] r = new int[a.length];
        for (int i = 0; i < r.length; i++) r[i] = op.applyAsInt(a[i], s);
        return r;
    }

    static int[] add(int[] a, int[] b) {
        return lanes(a, b, Integer::sum);
    }

    static int[] sub(int[] a, int[] b) {
        return lanes(a, b, (x, y) -> x - y);
    }

    static int[] mult(int[] a, int[] b) {
        return lanes(a, b, (x, y) -> x * y);
    }

    static int[] div(int[] a, int[] b) {
        return lanes(a, b, (x, y) -> x / y);
    }

    static int[] min(int[] a, int[] b) {
        return lanes(a, b, Math::min);
    }

    static int[] max(int[] a, int[] b) {
        return lanes(a, b, Math::max);
    }

    static int[] add(int[] a, int s) {
        return lanes(a, s, Integer::sum);
    }

    static int[] mult(int[] a, int s) {
        return lanes(a, s, (x, y) -> x * y);
    }

    /** {@code s = 0; s += a[i] * b[i]} from lane 0 on. */
    static int dot(int[] a, int[] b) {
        int s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static int sum(int[] a) {
        int s = 0;
        for (int x : a) s += x;
        return s;
    }

    static boolean isEqual(int[] a, int[] b) {
        return Arrays.equals(a, b);
    }
}
