package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.util.Arrays;

/**
 * 3 int lanes, a value type on the host. Kernels cannot use it: the JIT refuses it by name (see the README's TornadoVM compatibility table).
 */
public final class Int3 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 3;

    // every operation is written once, over the lanes, in IntLanes; each result is a new array this class wraps
    private final int[] v;

    /** All lanes zero. */
    public Int3() {
        this(new int[NUM_ELEMENTS]);
    }

    public Int3(int x, int y, int z) {
        this(new int[]{x, y, z});
    }

    private Int3(int[] lanes) {
        v = lanes;
    }

    /** The lanes from {@code values[0..2]}. */
    public static Int3 fromArray(int[] values) { return new Int3(IntLanes.of("Int3", NUM_ELEMENTS, values)); }

    /** Lanes {@code array[index .. index + 2]}. */
    public static Int3 loadFromArray(IntArray array, int index) { return new Int3(IntLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 2]}. */
    public void storeToArray(IntArray array, int index) { IntLanes.store(v, array, index); }

    /** Lanes {@code array[index .. index + 2]} of a heap array. */
    public static Int3 loadFromArray(int[] array, int index) { return new Int3(IntLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 2]} of a heap array. */
    public void storeToArray(int[] array, int index) { IntLanes.store(v, array, index); }

    public int get(int lane) { return v[lane]; }

    public void set(int lane, int value) { v[lane] = value; }

    public int getX() { return v[0]; }
    public void setX(int value) { v[0] = value; }

    public int getY() { return v[1]; }
    public void setY(int value) { v[1] = value; }

    public int getZ() { return v[2]; }
    public void setZ(int value) { v[2] = value; }

    public int size() { return NUM_ELEMENTS; }

    /** A copy of the lanes. */
    public int[] toArray() { return v.clone(); }

    public Int3 duplicate() { return new Int3(v.clone()); }

    /** Lane-wise a + b. */
    public static Int3 add(Int3 a, Int3 b) { return new Int3(IntLanes.add(a.v, b.v)); }

    /** Lane-wise a - b. */
    public static Int3 sub(Int3 a, Int3 b) { return new Int3(IntLanes.sub(a.v, b.v)); }

    /** Lane-wise a * b. */
    public static Int3 mult(Int3 a, Int3 b) { return new Int3(IntLanes.mult(a.v, b.v)); }

    /** Lane-wise a / b (integer division truncates). */
    public static Int3 div(Int3 a, Int3 b) { return new Int3(IntLanes.div(a.v, b.v)); }

    /** Lane-wise minimum (Math.min). */
    public static Int3 min(Int3 a, Int3 b) { return new Int3(IntLanes.min(a.v, b.v)); }

    /** Lane-wise maximum (Math.max). */
    public static Int3 max(Int3 a, Int3 b) { return new Int3(IntLanes.max(a.v, b.v)); }

    /** Every lane times {@code s}. */
    public static Int3 mult(Int3 a, int s) { return new Int3(IntLanes.mult(a.v, s)); }

    /** Every lane plus {@code s}. */
    public static Int3 add(Int3 a, int s) { return new Int3(IntLanes.add(a.v, s)); }

    /** The sum of the lanes' products, lane 0 first. */
    public static int dot(Int3 a, Int3 b) { return IntLanes.dot(a.v, b.v); }

    /** The sum of the lanes, lane 0 first. */
    public static int sum(Int3 a) { return IntLanes.sum(a.v); }

    /** Lanes equal. */
    public static boolean isEqual(Int3 a, Int3 b) { return IntLanes.isEqual(a.v, b.v); }

    @Override
    public boolean equals(Object o) { return o instanceof Int3 other && Arrays.equals(v, other.v); }

    @Override
    public int hashCode() { return Arrays.hashCode(v); }

    @Override
    public String toString() { return "Int3" + Arrays.toString(v); }
}
