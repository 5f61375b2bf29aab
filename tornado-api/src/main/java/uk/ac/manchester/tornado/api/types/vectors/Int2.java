package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.util.Arrays;

/**
 * 2 int lanes, a value type on the host. Kernels cannot use it: the JIT refuses it by name (see the README's TornadoVM compatibility table).
 */
public final class Int2 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 2;

    private final int[] v = new int[2];

    /** All lanes zero. */
    public Int2() {
    }

    public Int2(int x, int y) {
        v[0] = x;
        v[1] = y;
    }

    /** The lanes from {@code values[0..1]}. */
    public static Int2 fromArray(int[] values) {
        if (values.length != 2) throw new IllegalArgumentException("Int2 needs 2 values, got " + values.length);
        Int2 r = new Int2();
        System.arraycopy(values, 0, r.v, 0, 2);
        return r;
    }

    /** Lanes {@code array[index .. index + 1]}. */
    public static Int2 loadFromArray(IntArray array, int index) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = array.get(index + i);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 1]}. */
    public void storeToArray(IntArray array, int index) {
        for (int i = 0; i < 2; i++) array.set(index + i, v[i]);
    }

    /** Lanes {@code array[index .. index + 1]} of a heap array. */
    public static Int2 loadFromArray(int[] array, int index) {
        Int2 r = new Int2();
        System.arraycopy(array, index, r.v, 0, 2);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 1]} of a heap array. */
    public void storeToArray(int[] array, int index) {
        System.arraycopy(v, 0, array, index, 2);
    }

    public int get(int lane) {
        return v[lane];
    }

    public void set(int lane, int value) {
        v[lane] = value;
    }

    public int getX() {
        return v[0];
    }

    public void setX(int value) {
        v[0] = value;
    }

    public int getY() {
        return v[1];
    }

    public void setY(int value) {
        v[1] = value;
    }

    public int size() {
        return 2;
    }

    /** A copy of the lanes. */
    public int[] toArray() {
        return v.clone();
    }

    public Int2 duplicate() {
        return fromArray(v);
    }

    /** Lane-wise a + b. */
    public static Int2 add(Int2 a, Int2 b) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] + b.v[i];
        return r;
    }

    /** Lane-wise a - b. */
    public static Int2 sub(Int2 a, Int2 b) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] - b.v[i];
        return r;
    }

    /** Lane-wise a * b. */
    public static Int2 mult(Int2 a, Int2 b) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] * b.v[i];
        return r;
    }

    /** Lane-wise a / b (integer division truncates). */
    public static Int2 div(Int2 a, Int2 b) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] / b.v[i];
        return r;
    }

    /** Lane-wise minimum (Math.min). */
    public static Int2 min(Int2 a, Int2 b) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = Math.min(a.v[i], b.v[i]);
        return r;
    }

    /** Lane-wise maximum (Math.max). */
    public static Int2 max(Int2 a, Int2 b) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = Math.max(a.v[i], b.v[i]);
        return r;
    }

    /** Every lane times {@code s}. */
    public static Int2 mult(Int2 a, int s) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] * s;
        return r;
    }

    /** Every lane plus {@code s}. */
    public static Int2 add(Int2 a, int s) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] + s;
        return r;
    }

    /** The sum of the lanes products, lane 0 first. */
    public static int dot(Int2 a, Int2 b) {
        int s = 0;
        for (int i = 0; i < 2; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** The sum of the lanes, lane 0 first. */
    public static int sum(Int2 a) {
        int s = 0;
        for (int i = 0; i < 2; i++) s += a.v[i];
        return s;
    }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Int2 a, Int2 b) {
        for (int i = 0; i < 2; i++) if (a.v[i] != b.v[i]) return false;
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Int2 other && Arrays.equals(v, other.v);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "Int2" + Arrays.toString(v);
    }
}
