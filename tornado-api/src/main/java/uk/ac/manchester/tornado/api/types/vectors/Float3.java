package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

import java.util.Arrays;

/**
 * 3 float lanes, a value type on the host. Kernels cannot use it: the JIT refuses it by name (see the README's TornadoVM compatibility table).
 */
public final class Float3 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 3;

    // every operation is written once, over the lanes, in FloatLanes; each result is a new array this class wraps
    private final float[] v;

    /** All lanes zero. */
    public Float3() {
        this(new float[NUM_ELEMENTS]);
    }

    public Float3(float x, float y, float z) {
        this(new float[]{x, y, z});
    }

    private Float3(float[] lanes) {
        v = lanes;
    }

    /** The lanes from {@code values[0..2]}. */
    public static Float3 fromArray(float[] values) { return new Float3(FloatLanes.of("Float3", NUM_ELEMENTS, values)); }

    /** Lanes {@code array[index .. index + 2]}. */
    public static Float3 loadFromArray(FloatArray array, int index) { return new Float3(FloatLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 2]}. */
    public void storeToArray(FloatArray array, int index) { FloatLanes.store(v, array, index); }

    /** Lanes {@code array[index .. index + 2]} of a heap array. */
    public static Float3 loadFromArray(float[] array, int index) { return new Float3(FloatLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 2]} of a heap array. */
    public void storeToArray(float[] array, int index) { FloatLanes.store(v, array, index); }

    public float get(int lane) { return v[lane]; }

    public void set(int lane, float value) { v[lane] = value; }

    public float getX() { return v[0]; }
    public void setX(float value) { v[0] = value; }

    public float getY() { return v[1]; }
    public void setY(float value) { v[1] = value; }

    public float getZ() { return v[2]; }
    public void setZ(float value) { v[2] = value; }

    public int size() { return NUM_ELEMENTS; }

    /** A copy of the lanes. */
    public float[] toArray() { return v.clone(); }

    public Float3 duplicate() { return new Float3(v.clone()); }

    /** Lane-wise a + b. */
    public static Float3 add(Float3 a, Float3 b) { return new Float3(FloatLanes.add(a.v, b.v)); }

    /** Lane-wise a - b. */
    public static Float3 sub(Float3 a, Float3 b) { return new Float3(FloatLanes.sub(a.v, b.v)); }

    /** Lane-wise a * b. */
    public static Float3 mult(Float3 a, Float3 b) { return new Float3(FloatLanes.mult(a.v, b.v)); }

    /** Lane-wise a / b. */
    public static Float3 div(Float3 a, Float3 b) { return new Float3(FloatLanes.div(a.v, b.v)); }

    /** Lane-wise minimum (Math.min). */
    public static Float3 min(Float3 a, Float3 b) { return new Float3(FloatLanes.min(a.v, b.v)); }

    /** Lane-wise maximum (Math.max). */
    public static Float3 max(Float3 a, Float3 b) { return new Float3(FloatLanes.max(a.v, b.v)); }

    /** Every lane times {@code s}. */
    public static Float3 mult(Float3 a, float s) { return new Float3(FloatLanes.mult(a.v, s)); }

    /** Every lane plus {@code s}. */
    public static Float3 add(Float3 a, float s) { return new Float3(FloatLanes.add(a.v, s)); }

    /** The sum of the lanes' products, lane 0 first. */
    public static float dot(Float3 a, Float3 b) { return FloatLanes.dot(a.v, b.v); }

    /** The sum of the lanes, lane 0 first. */
    public static float sum(Float3 a) { return FloatLanes.sum(a.v); }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Float3 a, Float3 b) { return FloatLanes.isEqual(a.v, b.v); }

    /** Lane-wise square root. */
    public static Float3 sqrt(Float3 a) { return new Float3(FloatLanes.sqrt(a.v)); }

    /** Euclidean length. */
    public static float length(Float3 a) { return FloatLanes.length(a.v); }

    /** Lane-wise a * b + c with one rounding per lane (Math.fma). */
    public static Float3 fma(Float3 a, Float3 b, Float3 c) { return new Float3(FloatLanes.fma(a.v, b.v, c.v)); }

    /** The cross product. */
    public static Float3 cross(Float3 a, Float3 b) {
        return new Float3(a.v[1] * b.v[2] - a.v[2] * b.v[1], a.v[2] * b.v[0] - a.v[0] * b.v[2], a.v[0] * b.v[1] - a.v[1] * b.v[0]);
    }

    @Override
    public boolean equals(Object o) { return o instanceof Float3 other && Arrays.equals(v, other.v); }

    @Override
    public int hashCode() { return Arrays.hashCode(v); }

    @Override
    public String toString() { return "Float3" + Arrays.toString(v); }
}
