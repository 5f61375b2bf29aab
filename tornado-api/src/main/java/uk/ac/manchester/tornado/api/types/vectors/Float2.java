package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

import java.util.Arrays;

/**
 * 2 float lanes, a value type on the host and, inside kernels, a vector value in
 * registers (see the README's kernel-language section for what kernels may call).
 */
public final class Float2 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 2;

    // every operation is written once, over the lanes, in FloatLanes; each result is a new array this class wraps
    private final float[] v;

    /** All lanes zero. */
    public Float2() {
        this(new float[NUM_ELEMENTS]);
    }

    public Float2(float x, float y) {
        this(new float[]{x, y});
    }

    private Float2(float[] lanes) {
        v = lanes;
    }

    /** The lanes from {@code values[0..1]}. */
    public static Float2 fromArray(float[] values) { return new Float2(FloatLanes.of("Float2", NUM_ELEMENTS, values)); }

    /** Lanes {@code array[index .. index + 1]}. */
    public static Float2 loadFromArray(FloatArray array, int index) { return new Float2(FloatLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 1]}. */
    public void storeToArray(FloatArray array, int index) { FloatLanes.store(v, array, index); }

    /** Lanes {@code array[index .. index + 1]} of a heap array. */
    public static Float2 loadFromArray(float[] array, int index) { return new Float2(FloatLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 1]} of a heap array. */
    public void storeToArray(float[] array, int index) { FloatLanes.store(v, array, index); }

    public float get(int lane) { return v[lane]; }

    public void set(int lane, float value) { v[lane] = value; }

    public float getX() { return v[0]; }
    public void setX(float value) { v[0] = value; }

    public float getY() { return v[1]; }
    public void setY(float value) { v[1] = value; }

    public int size() { return NUM_ELEMENTS; }

    /** A copy of the lanes. */
    public float[] toArray() { return v.clone(); }

    public Float2 duplicate() { return new Float2(v.clone()); }

    /** Lane-wise a + b. */
    public static Float2 add(Float2 a, Float2 b) { return new Float2(FloatLanes.add(a.v, b.v)); }

    /** Lane-wise a - b. */
    public static Float2 sub(Float2 a, Float2 b) { return new Float2(FloatLanes.sub(a.v, b.v)); }

    /** Lane-wise a * b. */
    public static Float2 mult(Float2 a, Float2 b) { return new Float2(FloatLanes.mult(a.v, b.v)); }

    /** Lane-wise a / b. */
    public static Float2 div(Float2 a, Float2 b) { return new Float2(FloatLanes.div(a.v, b.v)); }

    /** Lane-wise minimum (Math.min). */
    public static Float2 min(Float2 a, Float2 b) { return new Float2(FloatLanes.min(a.v, b.v)); }

    /** Lane-wise maximum (Math.max). */
    public static Float2 max(Float2 a, Float2 b) { return new Float2(FloatLanes.max(a.v, b.v)); }

    /** Every lane times {@code s}. */
    public static Float2 mult(Float2 a, float s) { return new Float2(FloatLanes.mult(a.v, s)); }

    /** Every lane plus {@code s}. */
    public static Float2 add(Float2 a, float s) { return new Float2(FloatLanes.add(a.v, s)); }

    /** Every lane minus {@code s}. */
    public static Float2 sub(Float2 a, float s) { return new Float2(FloatLanes.sub(a.v, s)); }

    /** Every lane divided by {@code s}. */
    public static Float2 div(Float2 a, float s) { return new Float2(FloatLanes.div(a.v, s)); }

    /** The smallest lane (Math.min, lane 0 first). */
    public static float min(Float2 a) { return FloatLanes.min(a.v); }

    /** The largest lane (Math.max, lane 0 first). */
    public static float max(Float2 a) { return FloatLanes.max(a.v); }

    /** The sum of the lanes' products, lane 0 first. */
    public static float dot(Float2 a, Float2 b) { return FloatLanes.dot(a.v, b.v); }

    /** The sum of the lanes, lane 0 first. */
    public static float sum(Float2 a) { return FloatLanes.sum(a.v); }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Float2 a, Float2 b) { return FloatLanes.isEqual(a.v, b.v); }

    /** Lane-wise square root. */
    public static Float2 sqrt(Float2 a) { return new Float2(FloatLanes.sqrt(a.v)); }

    /** Euclidean length. */
    public static float length(Float2 a) { return FloatLanes.length(a.v); }

    /** Lane-wise a * b + c with one rounding per lane (Math.fma). */
    public static Float2 fma(Float2 a, Float2 b, Float2 c) { return new Float2(FloatLanes.fma(a.v, b.v, c.v)); }

    @Override
    public boolean equals(Object o) { return o instanceof Float2 other && Arrays.equals(v, other.v); }

    @Override
    public int hashCode() { return Arrays.hashCode(v); }

    @Override
    public String toString() { return "Float2" + Arrays.toString(v); }
}
