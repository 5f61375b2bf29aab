package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

import java.util.Arrays;

/**
 * 4 float lanes, a value type on the host and, inside kernels, a vector value in
 * registers (see the README's kernel-language section for what kernels may call).
 */
public final class Float4 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 4;

    // every operation is written once, over the lanes, in FloatLanes; each result is a new array this class wraps
    private final float[] v;

    /** All lanes zero. */
    public Float4() {
        this(new float[NUM_ELEMENTS]);
    }

    public Float4(float x, float y, float z, float w) {
        this(new float[]{x, y, z, w});
    }

    private Float4(float[] lanes) {
        v = lanes;
    }

    /** The lanes from {@code values[0..3]}. */
    public static Float4 fromArray(float[] values) { return new Float4(FloatLanes.of("Float4", NUM_ELEMENTS, values)); }

    /** Lanes {@code array[index .. index + 3]}. */
    public static Float4 loadFromArray(FloatArray array, int index) { return new Float4(FloatLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 3]}. */
    public void storeToArray(FloatArray array, int index) { FloatLanes.store(v, array, index); }

    /** Lanes {@code array[index .. index + 3]} of a heap array. */
    public static Float4 loadFromArray(float[] array, int index) { return new Float4(FloatLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 3]} of a heap array. */
    public void storeToArray(float[] array, int index) { FloatLanes.store(v, array, index); }

    public float get(int lane) { return v[lane]; }

    public void set(int lane, float value) { v[lane] = value; }

    public float getX() { return v[0]; }
    public void setX(float value) { v[0] = value; }

    public float getY() { return v[1]; }
    public void setY(float value) { v[1] = value; }

    public float getZ() { return v[2]; }
    public void setZ(float value) { v[2] = value; }

    public float getW() { return v[3]; }
    public void setW(float value) { v[3] = value; }

    public int size() { return NUM_ELEMENTS; }

    /** A copy of the lanes. */
    public float[] toArray() { return v.clone(); }

    public Float4 duplicate() { return new Float4(v.clone()); }

    /** Lane-wise a + b. */
    public static Float4 add(Float4 a, Float4 b) { return new Float4(FloatLanes.add(a.v, b.v)); }

    /** Lane-wise a - b. */
    public static Float4 sub(Float4 a, Float4 b) { return new Float4(FloatLanes.sub(a.v, b.v)); }

    /** Lane-wise a * b. */
    public static Float4 mult(Float4 a, Float4 b) { return new Float4(FloatLanes.mult(a.v, b.v)); }

    /** Lane-wise a / b. */
    public static Float4 div(Float4 a, Float4 b) { return new Float4(FloatLanes.div(a.v, b.v)); }

    /** Lane-wise minimum (Math.min). */
    public static Float4 min(Float4 a, Float4 b) { return new Float4(FloatLanes.min(a.v, b.v)); }

    /** Lane-wise maximum (Math.max). */
    public static Float4 max(Float4 a, Float4 b) { return new Float4(FloatLanes.max(a.v, b.v)); }

    /** Every lane times {@code s}. */
    public static Float4 mult(Float4 a, float s) { return new Float4(FloatLanes.mult(a.v, s)); }

    /** Every lane plus {@code s}. */
    public static Float4 add(Float4 a, float s) { return new Float4(FloatLanes.add(a.v, s)); }

    /** Every lane minus {@code s}. */
    public static Float4 sub(Float4 a, float s) { return new Float4(FloatLanes.sub(a.v, s)); }

    /** Every lane divided by {@code s}. */
    public static Float4 div(Float4 a, float s) { return new Float4(FloatLanes.div(a.v, s)); }

    /** The smallest lane (Math.min, lane 0 first). */
    public static float min(Float4 a) { return FloatLanes.min(a.v); }

    /** The largest lane (Math.max, lane 0 first). */
    public static float max(Float4 a) { return FloatLanes.max(a.v); }

    /** The sum of the lanes' products, lane 0 first. */
    public static float dot(Float4 a, Float4 b) { return FloatLanes.dot(a.v, b.v); }

    /** The sum of the lanes, lane 0 first. */
    public static float sum(Float4 a) { return FloatLanes.sum(a.v); }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Float4 a, Float4 b) { return FloatLanes.isEqual(a.v, b.v); }

    /** Lane-wise square root. */
    public static Float4 sqrt(Float4 a) { return new Float4(FloatLanes.sqrt(a.v)); }

    /** Euclidean length. */
    public static float length(Float4 a) { return FloatLanes.length(a.v); }

    /** Lane-wise a * b + c with one rounding per lane (Math.fma). */
    public static Float4 fma(Float4 a, Float4 b, Float4 c) { return new Float4(FloatLanes.fma(a.v, b.v, c.v)); }

    @Override
    public boolean equals(Object o) { return o instanceof Float4 other && Arrays.equals(v, other.v); }

    @Override
    public int hashCode() { return Arrays.hashCode(v); }

    @Override
    public String toString() { return "Float4" + Arrays.toString(v); }
}
