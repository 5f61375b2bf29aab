package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.util.Arrays;

/**
 * 8 int lanes, a value type on the host. Kernels cannot use it: the JIT refuses it by name (see the README's TornadoVM compatibility table).
 */
public final class Int8 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 8;

    // every operation is written once, over the lanes, in IntLanes; each result is a new array this class wraps
    private final int[] v;

    /** All lanes zero. */
    public Int8() {
        this(new int[NUM_ELEMENTS]);
    }

    public Int8(int s0, int s1, int s2, int s3, int s4, int s5, int s6, int s7) {
        this(new int[]{s0, s1, s2, s3, s4, s5, s6, s7});
    }

    private Int8(int[] lanes) {
        v = lanes;
    }

    /** The lanes from {@code values[0..7]}. */
    public static Int8 fromArray(int[] values) { return new Int8(IntLanes.of("Int8", NUM_ELEMENTS, values)); }

    /** Lanes {@code array[index .. index + 7]}. */
    public static Int8 loadFromArray(IntArray array, int index) { return new Int8(IntLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 7]}. */
    public void storeToArray(IntArray array, int index) { IntLanes.store(v, array, index); }

    /** Lanes {@code array[index .. index + 7]} of a heap array. */
    public static Int8 loadFromArray(int[] array, int index) { return new Int8(IntLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 7]} of a heap array. */
    public void storeToArray(int[] array, int index) { IntLanes.store(v, array, index); }

    public int get(int lane) { return v[lane]; }

    public void set(int lane, int value) { v[lane] = value; }

    public int getS0() { return v[0]; }
    public void setS0(int value) { v[0] = value; }

    public int getS1() { return v[1]; }
    public void setS1(int value) { v[1] = value; }

    public int getS2() { return v[2]; }
    public void setS2(int value) { v[2] = value; }

    public int getS3() { return v[3]; }
    public void setS3(int value) { v[3] = value; }

    public int getS4() { return v[4]; }
    public void setS4(int value) { v[4] = value; }

    public int getS5() { return v[5]; }
    public void setS5(int value) { v[5] = value; }

    public int getS6() { return v[6]; }
    public void setS6(int value) { v[6] = value; }

    public int getS7() { return v[7]; }
    public void setS7(int value) { v[7] = value; }

    public int size() { return NUM_ELEMENTS; }

    /** A copy of the lanes. */
    public int[] toArray() { return v.clone(); }

    public Int8 duplicate() { return new Int8(v.clone()); }

    /** Lane-wise a + b. */
    public static Int8 add(Int8 a, Int8 b) { return new Int8(IntLanes.add(a.v, b.v)); }

    /** Lane-wise a - b. */
    public static Int8 sub(Int8 a, Int8 b) { return new Int8(IntLanes.sub(a.v, b.v)); }

    /** Lane-wise a * b. */
    public static Int8 mult(Int8 a, Int8 b) { return new Int8(IntLanes.mult(a.v, b.v)); }

    /** Lane-wise a / b (integer division truncates). */
    public static Int8 div(Int8 a, Int8 b) { return new Int8(IntLanes.div(a.v, b.v)); }

    /** Lane-wise minimum (Math.min). */
    public static Int8 min(Int8 a, Int8 b) { return new Int8(IntLanes.min(a.v, b.v)); }

    /** Lane-wise maximum (Math.max). */
    public static Int8 max(Int8 a, Int8 b) { return new Int8(IntLanes.max(a.v, b.v)); }

    /** Every lane times {@code s}. */
    public static Int8 mult(Int8 a, int s) { return new Int8(IntLanes.mult(a.v, s)); }

    /** Every lane plus {@code s}. */
    public static Int8 add(Int8 a, int s) { return new Int8(IntLanes.add(a.v, s)); }

    /** The sum of the lanes' products, lane 0 first. */
    public static int dot(Int8 a, Int8 b) { return IntLanes.dot(a.v, b.v); }

    /** The sum of the lanes, lane 0 first. */
    public static int sum(Int8 a) { return IntLanes.sum(a.v); }

    /** Lanes equal. */
    public static boolean isEqual(Int8 a, Int8 b) { return IntLanes.isEqual(a.v, b.v); }

    @Override
    public boolean equals(Object o) { return o instanceof Int8 other && Arrays.equals(v, other.v); }

    @Override
    public int hashCode() { return Arrays.hashCode(v); }

    @Override
    public String toString() { return "Int8" + Arrays.toString(v); }
}
