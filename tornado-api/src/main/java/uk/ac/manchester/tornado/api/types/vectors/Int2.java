package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.util.Arrays;

/**
 * 2 int lanes, a value type on the host. Kernels cannot use it: the JIT refuses it by name (see the README's TornadoVM compatibility table).
 */
public final class Int2 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 2;

    // every operation is written once, over the lanes, in IntLanes; each result is a new array this class wraps
    private final int[] v;

    /** All lanes zero. */
    public Int2() {
        this(new int[NUM_ELEMENTS]);
    }

    public Int2(int x, int y) {
        this(new int[]{x, y});
    }

    private Int2(int[] lanes) {
        v = lanes;
    }

    /** The lanes from {@code values[0..1]}. */
    public static Int2 fromArray(int[] values) { return new Int2(IntLanes.of("Int2", NUM_ELEMENTS, values)); }

    /** Lanes {@code array[index .. index + 1]}. */
    public static Int2 loadFromArray(IntArray array, int index) { return new Int2(IntLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 1]}. */
    public void storeToArray(IntArray array, int index) { IntLanes.store(v, array, index); }

    /** Lanes {@code array[index .. index + 1]} of a heap array. */
    public static Int2 loadFromArray(int[] array, int index) { return new Int2(IntLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 1]} of a heap array. */
    public void storeToArray(int[] array, int index) { IntLanes.store(v, array, index); }

    public int get(int lane) { return v[lane]; }

    public void set(int lane, int value) { v[lane] = value; }

    public int getX() { return v[0]; }
    public void setX(int value) { v[0] = value; }

    public int getY() { return v[1]; }
    public void setY(int value) { v[1] = value; }

    public int size() { return NUM_ELEMENTS; }

    /** A copy of the lanes. */
    public int[] toArray() { return v.clone(); }

    public Int2 duplicate() { return new Int2(v.clone()); }

    /** Lane-wise a + b. */
    public static Int2 add(Int2 a, Int2 b) { return new Int2(IntLanes.add(a.v, b.v)); }

    /** Lane-wise a - b. */
    public static Int2 sub(Int2 a, Int2 b) { return new Int2(IntLanes.sub(a.v, b.v)); }

    /** Lane-wise a * b. */
    public static Int2 mult(Int2 a, Int2 b) { return new Int2(IntLanes.mult(a.v, b.v)); }

    /** Lane-wise a / b (integer division truncates). */
    public static Int2 div(Int2 a, Int2 b) { return new Int2(IntLanes.div(a.v, b.v)); }

    /** Lane-wise minimum (Math.min). */
    public static Int2 min(Int2 a, Int2 b) { return new Int2(IntLanes.min(a.v, b.v)); }

    /** Lane-wise maximum (Math.max). */
    public static Int2 max(Int2 a, Int2 b) { return new Int2(IntLanes.max(a.v, b.v)); }

    /** Every lane times {@code s}. */
    public static Int2 mult(Int2 a, int s) { return new Int2(IntLanes.mult(a.v, s)); }

    /** Every lane plus {@code s}. */
    public static Int2 add(Int2 a, int s) { return new Int2(IntLanes.add(a.v, s)); }

    /** The sum of the lanes' products, lane 0 first. */
    public static int dot(Int2 a, Int2 b) { return IntLanes.dot(a.v, b.v); }

    /** The sum of the lanes, lane 0 first. */
    public static int sum(Int2 a) { return IntLanes.sum(a.v); }

    /** Lanes equal. */
    public static boolean isEqual(Int2 a, Int2 b) { return IntLanes.isEqual(a.v, b.v); }

    @Override
    public boolean equals(Object o) { return o instanceof Int2 other && Arrays.equals(v, other.v); }

    @Override
    public int hashCode() { return Arrays.hashCode(v); }

    @Override
    public String toString() { return "Int2" + Arrays.toString(v); }
}
