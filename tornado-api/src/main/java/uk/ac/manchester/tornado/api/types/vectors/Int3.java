package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.util.Arrays;

/**
 * 3 int lanes, a value type on the host. Kernels cannot use it: the JIT refuses it by name (see the README's TornadoVM compatibility table).
 */
public final class Int3 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 3;

    private final int[] v = new int[3];

    /** All lanes zero. */
    public Int3() {
    }

    public Int3(int x, int y, int z) {
        v[0] = x;
        v[1] = y;
        v[2] = z;
    }

    /** The lanes from {@code values[0..2]}. */
    public static Int3 fromArray(int[] values) {
        if (values.length != 3) throw new IllegalArgumentException("Int3 needs 3 values, got " + values.length);
        Int3 r = new Int3();
        System.arraycopy(values, 0, r.v, 0, 3);
        return r;
    }

    /** Lanes {@code array[index .. index + 2]}. */
    public static Int3 loadFromArray(IntArray array, int index) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = array.get(index + i);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 2]}. */
    public void storeToArray(IntArray array, int index) {
        for (int i = 0; i < 3; i++) array.set(index + i, v[i]);
    }

    /** Lanes {@code array[index .. index + 2]} of a heap array. */
    public static Int3 loadFromArray(int[] array, int index) {
        Int3 r = new Int3();
        System.arraycopy(array, index, r.v, 0, 3);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 2]} of a heap array. */
    public void storeToArray(int[] array, int index) {
        System.arraycopy(v, 0, array, index, 3);
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

    public int getZ() {
        return v[2];
    }

    public void setZ(int value) {
        v[2] = value;
    }

    public int size() {
        return 3;
    }

    /** A copy of the lanes. */
    public int[] toArray() {
        return v.clone();
    }

    public Int3 duplicate() {
        return fromArray(v);
    }

    /** Lane-wise a + b. */
    public static Int3 add(Int3 a, Int3 b) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = a.v[i] + b.v[i];
        return r;
    }

    /** Lane-wise a - b. */
    public static Int3 sub(Int3 a, Int3 b) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = a.v[i] - b.v[i];
        return r;
    }

    /** Lane-wise a * b. */
    public static Int3 mult(Int3 a, Int3 b) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = a.v[i] * b.v[i];
        return r;
    }

    /** Lane-wise a / b (integer division truncates). */
    public static Int3 div(Int3 a, Int3 b) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = a.v[i] / b.v[i];
        return r;
    }

    /** Lane-wise minimum (Math.min). */
    public static Int3 min(Int3 a, Int3 b) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = Math.min(a.v[i], b.v[i]);
        return r;
    }

    /** Lane-wise maximum (Math.max). */
    public static Int3 max(Int3 a, Int3 b) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = Math.max(a.v[i], b.v[i]);
        return r;
    }

    /** Every lane times {@code s}. */
    public static Int3 mult(Int3 a, int s) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = a.v[i] * s;
        return r;
    }

    /** Every lane plus {@code s}. */
    public static Int3 add(Int3 a, int s) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = a.v[i] + s;
        return r;
    }

    /** The sum of the lanes products, lane 0 first. */
    public static int dot(Int3 a, Int3 b) {
        int s = 0;
        for (int i = 0; i < 3; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** The sum of the lanes, lane 0 first. */
    public static int sum(Int3 a) {
        int s = 0;
        for (int i = 0; i < 3; i++) s += a.v[i];
        return s;
    }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Int3 a, Int3 b) {
        for (int i = 0; i < 3; i++) if (a.v[i] != b.v[i]) return false;
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Int3 other && Arrays.equals(v, other.v);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "Int3" + Arrays.toString(v);
    }
}
