package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.util.Arrays;

/**
 * 8 int lanes, a value type on the host. Kernels cannot use it: the JIT refuses it by name (see the README's TornadoVM compatibility table).
 */
public final class Int8 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 8;

    private final int[] v = new int[8];

    /** All lanes zero. */
    public Int8() {
    }

    public Int8(int s0, int s1, int s2, int s3, int s4, int s5, int s6, int s7) {
        v[0] = s0;
        v[1] = s1;
        v[2] = s2;
        v[3] = s3;
        v[4] = s4;
        v[5] = s5;
        v[6] = s6;
        v[7] = s7;
    }

    /** The lanes from {@code values[0..7]}. */
    public static Int8 fromArray(int[] values) {
        if (values.length != 8) throw new IllegalArgumentException("Int8 needs 8 values, got " + values.length);
        Int8 r = new Int8();
        System.arraycopy(values, 0, r.v, 0, 8);
        return r;
    }

    /** Lanes {@code array[index .. index + 7]}. */
    public static Int8 loadFromArray(IntArray array, int index) {
        Int8 r = new Int8();
        for (int i = 0; i < 8; i++) r.v[i] = array.get(index + i);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 7]}. */
    public void storeToArray(IntArray array, int index) {
        for (int i = 0; i < 8; i++) array.set(index + i, v[i]);
    }

    /** Lanes {@code array[index .. index + 7]} of a heap array. */
    public static Int8 loadFromArray(int[] array, int index) {
        Int8 r = new Int8();
        System.arraycopy(array, index, r.v, 0, 8);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 7]} of a heap array. */
    public void storeToArray(int[] array, int index) {
        System.arraycopy(v, 0, array, index, 8);
    }

    public int get(int lane) {
        return v[lane];
    }

    public void set(int lane, int value) {
        v[lane] = value;
    }

    public int getS0() {
        return v[0];
    }

    public void setS0(int value) {
        v[0] = value;
    }

    public int getS1() {
        return v[1];
    }

    public void setS1(int value) {
        v[1] = value;
    }

    public int getS2() {
        return v[2];
    }

    public void setS2(int value) {
        v[2] = value;
    }

    public int getS3() {
        return v[3];
    }

    public void setS3(int value) {
        v[3] = value;
    }

    public int getS4() {
        return v[4];
    }

    public void setS4(int value) {
        v[4] = value;
    }

    public int getS5() {
        return v[5];
    }

    public void setS5(int value) {
        v[5] = value;
    }

    public int getS6() {
        return v[6];
    }

    public void setS6(int value) {
        v[6] = value;
    }

    public int getS7() {
        return v[7];
    }

    public void setS7(int value) {
        v[7] = value;
    }

    public int size() {
        return 8;
    }

    /** A copy of the lanes. */
    public int[] toArray() {
        return v.clone();
    }

    public Int8 duplicate() {
        return fromArray(v);
    }

    /** Lane-wise a + b. */
    public static Int8 add(Int8 a, Int8 b) {
        Int8 r = new Int8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] + b.v[i];
        return r;
    }

    /** Lane-wise a - b. */
    public static Int8 sub(Int8 a, Int8 b) {
        Int8 r = new Int8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] - b.v[i];
        return r;
    }

    /** Lane-wise a * b. */
    public static Int8 mult(Int8 a, Int8 b) {
        Int8 r = new Int8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] * b.v[i];
        return r;
    }

    /** Lane-wise a / b (integer division truncates). */
    public static Int8 div(Int8 a, Int8 b) {
        Int8 r = new Int8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] / b.v[i];
        return r;
    }

    /** Lane-wise minimum (Math.min). */
    public static Int8 min(Int8 a, Int8 b) {
        Int8 r = new Int8();
        for (int i = 0; i < 8; i++) r.v[i] = Math.min(a.v[i], b.v[i]);
        return r;
    }

    /** Lane-wise maximum (Math.max). */
    public static Int8 max(Int8 a, Int8 b) {
        Int8 r = new Int8();
        for (int i = 0; i < 8; i++) r.v[i] = Math.max(a.v[i], b.v[i]);
        return r;
    }

    /** Every lane times {@code s}. */
    public static Int8 mult(Int8 a, int s) {
        Int8 r = new Int8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] * s;
        return r;
    }

    /** Every lane plus {@code s}. */
    public static Int8 add(Int8 a, int s) {
        Int8 r = new Int8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] + s;
        return r;
    }

    /** The sum of the lanes products, lane 0 first. */
    public static int dot(Int8 a, Int8 b) {
        int s = 0;
        for (int i = 0; i < 8; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** The sum of the lanes, lane 0 first. */
    public static int sum(Int8 a) {
        int s = 0;
        for (int i = 0; i < 8; i++) s += a.v[i];
        return s;
    }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Int8 a, Int8 b) {
        for (int i = 0; i < 8; i++) if (a.v[i] != b.v[i]) return false;
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Int8 other && Arrays.equals(v, other.v);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "Int8" + Arrays.toString(v);
    }
}
