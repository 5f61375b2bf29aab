package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.util.Arrays;

/**
 * 4 int lanes, a value type on the host. Kernels cannot use it: the JIT refuses it by name (see the README's TornadoVM compatibility table).
 */
public final class Int4 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 4;

    private final int[] v = new int[4];

    /** All lanes zero. */
    public Int4() {
    }

    public Int4(int x, int y, int z, int w) {
        v[0] = x;
        v[1] = y;
        v[2] = z;
        v[3] = w;
    }

    /** The lanes from {@code values[0..3]}. */
    public static Int4 fromArray(int[] values) {
        if (values.length != 4) throw new IllegalArgumentException("Int4 needs 4 values, got " + values.length);
        Int4 r = new Int4();
        System.arraycopy(values, 0, r.v, 0, 4);
        return r;
    }

    /** Lanes {@code array[index .. index + 3]}. */
    public static Int4 loadFromArray(IntArray array, int index) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = array.get(index + i);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 3]}. */
    public void storeToArray(IntArray array, int index) {
        for (int i = 0; i < 4; i++) array.set(index + i, v[i]);
    }

    /** Lanes {@code array[index .. index + 3]} of a heap array. */
    public static Int4 loadFromArray(int[] array, int index) {
        Int4 r = new Int4();
        System.arraycopy(array, index, r.v, 0, 4);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 3]} of a heap array. */
    public void storeToArray(int[] array, int index) {
        System.arraycopy(v, 0, array, index, 4);
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

    public int getW() {
        return v[3];
    }

    public void setW(int value) {
        v[3] = value;
    }

    public int size() {
        return 4;
    }

    /** A copy of the lanes. */
    public int[] toArray() {
        return v.clone();
    }

    public Int4 duplicate() {
        return fromArray(v);
    }

    /** Lane-wise a + b. */
    public static Int4 add(Int4 a, Int4 b) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] + b.v[i];
        return r;
    }

    /** Lane-wise a - b. */
    public static Int4 sub(Int4 a, Int4 b) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] - b.v[i];
        return r;
    }

    /** Lane-wise a * b. */
    public static Int4 mult(Int4 a, Int4 b) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] * b.v[i];
        return r;
    }

    /** Lane-wise a / b (integer division truncates). */
    public static Int4 div(Int4 a, Int4 b) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] / b.v[i];
        return r;
    }

    /** Lane-wise minimum (Math.min). */
    public static Int4 min(Int4 a, Int4 b) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = Math.min(a.v[i], b.v[i]);
        return r;
    }

    /** Lane-wise maximum (Math.max). */
    public static Int4 max(Int4 a, Int4 b) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = Math.max(a.v[i], b.v[i]);
        return r;
    }

    /** Every lane times {@code s}. */
    public static Int4 mult(Int4 a, int s) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] * s;
        return r;
    }

    /** Every lane plus {@code s}. */
    public static Int4 add(Int4 a, int s) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] + s;
        return r;
    }

    /** The sum of the lanes products, lane 0 first. */
    public static int dot(Int4 a, Int4 b) {
        int s = 0;
        for (int i = 0; i < 4; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** The sum of the lanes, lane 0 first. */
    public static int sum(Int4 a) {
        int s = 0;
        for (int i = 0; i < 4; i++) s += a.v[i];
        return s;
    }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Int4 a, Int4 b) {
        for (int i = 0; i < 4; i++) if (a.v[i] != b.v[i]) return false;
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Int4 other && Arrays.equals(v, other.v);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "Int4" + Arrays.toString(v);
    }
}
