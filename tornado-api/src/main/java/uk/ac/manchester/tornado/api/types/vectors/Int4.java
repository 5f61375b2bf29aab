package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.util.Arrays;

/**
 * 4 int lanes, a value type on the host. Kernels cannot use it: the JIT refuses it by name (see the README's TornadoVM compatibility table).
 */
public final class Int4 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 4;

    // every operation is written once, over the lanes, in IntLanes; each result is a new array this class wraps
    private final int[] v;

    /** All lanes zero. */
    public Int4() {
        this(new int[NUM_ELEMENTS]);
    }

    public Int4(int x, int y, int z, int w) {
        this(new int[]{x, y, z, w});
    }

    private Int4(int[] lanes) {
        v = lanes;
    }

    /** The lanes from {@code values[0..3]}. */
    public static Int4 fromArray(int[] values) { return new Int4(IntLanes.of("Int4", NUM_ELEMENTS, values)); }

    /** Lanes {@code array[index .. index + 3]}. */
    public static Int4 loadFromArray(IntArray array, int index) { return new Int4(IntLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 3]}. */
    public void storeToArray(IntArray array, int index) { IntLanes.store(v, array, index); }

    /** Lanes {@code array[index .. index + 3]} of a heap array. */
    public static Int4 loadFromArray(int[] array, int index) { return new Int4(IntLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 3]} of a heap array. */
    public void storeToArray(int[] array, int index) { IntLanes.store(v, array, index); }

    public int get(int lane) { return v[lane]; }

    public void set(int lane, int value) { v[lane] = value; }

    public int getX() { return v[0]; }
    public void setX(int value) { v[0] = value; }

    public int getY() { return v[1]; }
    public void setY(int value) { v[1] = value; }

    public int getZ() { return v[2]; }
    public void setZ(int value) { v[2] = value; }

    public int getW() { return v[3]; }
    public void setW(int value) { v[3] = value; }

    public int size() { return NUM_ELEMENTS; }

    /** A copy of the lanes. */
    public int[] toArray() { return v.clone(); }

    public Int4 duplicate() { return new Int4(v.clone()); }

    /** Lane-wise a + b. */
    public static Int4 add(Int4 a, Int4 b) { return new Int4(IntLanes.add(a.v, b.v)); }

    /** Lane-wise a - b. */
    public static Int4 sub(Int4 a, Int4 b) { return new Int4(IntLanes.sub(a.v, b.v)); }

    /** Lane-wise a * b. */
    public static Int4 mult(Int4 a, Int4 b) { return new Int4(IntLanes.mult(a.v, b.v)); }

    /** Lane-wise a / b (integer division truncates). */
    public static Int4 div(Int4 a, Int4 b) { return new Int4(IntLanes.div(a.v, b.v)); }

    /** Lane-wise minimum (Math.min). */
    public static Int4 min(Int4 a, Int4 b) { return new Int4(IntLanes.min(a.v, b.v)); }

    /** Lane-wise maximum (Math.max). */
    public static Int4 max(Int4 a, Int4 b) { return new Int4(IntLanes.max(a.v, b.v)); }

    /** Every lane times {@code s}. */
    public static Int4 mult(Int4 a, int s) { return new Int4(IntLanes.mult(a.v, s)); }

    /** Every lane plus {@code s}. */
    public static Int4 add(Int4 a, int s) { return new Int4(IntLanes.add(a.v, s)); }

    /** The sum of the lanes' products, lane 0 first. */
    public static int dot(Int4 a, Int4 b) { return IntLanes.dot(a.v, b.v); }

    /** The sum of the lanes, lane 0 first. */
    public static int sum(Int4 a) { return IntLanes.sum(a.v); }

    /** Lanes equal. */
    public static boolean isEqual(Int4 a, Int4 b) { return IntLanes.isEqual(a.v, b.v); }

    @Override
    public boolean equals(Object o) { return o instanceof Int4 other && Arrays.equals(v, other.v); }

    @Override
    public int hashCode() { return Arrays.hashCode(v); }

    @Override
    public String toString() { return "Int4" + Arrays.toString(v); }
}
