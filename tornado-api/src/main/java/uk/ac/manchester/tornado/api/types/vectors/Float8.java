package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

import java.util.Arrays;

/**
 * 8 float lanes, a value type on the host and, inside kernels, a vector value in
 * registers (see the README's kernel-language section for what kernels may call).
 */
public final class Float8 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 8;

    // every operation is written once, over the lanes, in FloatLanes; each result is a new array this class wraps
    private final float[] v;

    /** All lanes zero. */
    public Float8() {
        this(new float[NUM_ELEMENTS]);
    }

    public Float8(float s0, float s1, float s2, float s3, float s4, float s5, float s6, float s7) {
        this(new float[]{s0, s1, s2, s3, s4, s5, s6, s7});
    }

    private Float8(float[] lanes) {
        v = lanes;
    }

    /** The lanes from {@code values[0..7]}. */
    public static Float8 fromArray(float[] values) { return new Float8(FloatLanes.of("Float8", NUM_ELEMENTS, values)); }

    /** Lanes {@code array[index .. index + 7]}. */
    public static Float8 loadFromArray(FloatArray array, int index) { return new Float8(FloatLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 7]}. */
    public void storeToArray(FloatArray array, int index) { FloatLanes.store(v, array, index); }

    /** Lanes {@code array[index .. index + 7]} of a heap array. */
    public static Float8 loadFromArray(float[] array, int index) { return new Float8(FloatLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 7]} of a heap array. */
    public void storeToArray(float[] array, int index) { FloatLanes.store(v, array, index); }

    public float get(int lane) { return v[lane]; }

    public void set(int lane, float value) { v[lane] = value; }

    public float getS0() { return v[0]; }
    public void setS0(float value) { v[0] = value; }

    public float getS1() { return v[1]; }
    public void setS1(float value) { v[1] = value; }

    public float getS2() { return v[2]; }
    public void setS2(float value) { v[2] = value; }

    public float getS3() { return v[3]; }
    public void setS3(float value) { v[3] = value; }

    public float getS4() { return v[4]; }
    public void setS4(float value) { v[4] = value; }

    public float getS5() { return v[5]; }
    public void setS5(float value) { v[5] = value; }

    public float getS6() { return v[6]; }
    public void setS6(float value) { v[6] = value; }

    public float getS7() { return v[7]; }
    public void setS7(float value) { v[7] = value; }

    public int size() { return NUM_ELEMENTS; }

    /** A copy of the lanes. */
    public float[] toArray() { return v.clone(); }

    public Float8 duplicate() { return new Float8(v.clone()); }

    /** Lane-wise a + b. */
    public static Float8 add(Float8 a, Float8 b) { return new Float8(FloatLanes.add(a.v, b.v)); }

    /** Lane-wise a - b. */
    public static Float8 sub(Float8 a, Float8 b) { return new Float8(FloatLanes.sub(a.v, b.v)); }

    /** Lane-wise a * b. */
    public static Float8 mult(Float8 a, Float8 b) { return new Float8(FloatLanes.mult(a.v, b.v)); }

    /** Lane-wise a / b. */
    public static Float8 div(Float8 a, Float8 b) { return new Float8(FloatLanes.div(a.v, b.v)); }

    /** Lane-wise minimum (Math.min). */
    public static Float8 min(Float8 a, Float8 b) { return new Float8(FloatLanes.min(a.v, b.v)); }

    /** Lane-wise maximum (Math.max). */
    public static Float8 max(Float8 a, Float8 b) { return new Float8(FloatLanes.max(a.v, b.v)); }

    /** Every lane times {@code s}. */
    public static Float8 mult(Float8 a, float s) { return new Float8(FloatLanes.mult(a.v, s)); }

    /** Every lane plus {@code s}. */
    public static Float8 add(Float8 a, float s) { return new Float8(FloatLanes.add(a.v, s)); }

    /** Every lane minus {@code s}. */
    public static Float8 sub(Float8 a, float s) { return new Float8(FloatLanes.sub(a.v, s)); }

    /** Every lane divided by {@code s}. */
    public static Float8 div(Float8 a, float s) { return new Float8(FloatLanes.div(a.v, s)); }

    /** The smallest lane (Math.min, lane 0 first). */
    public static float min(Float8 a) { return FloatLanes.min(a.v); }

    /** The largest lane (Math.max, lane 0 first). */
    public static float max(Float8 a) { return FloatLanes.max(a.v); }

    /** The sum of the lanes' products, lane 0 first. */
    public static float dot(Float8 a, Float8 b) { return FloatLanes.dot(a.v, b.v); }

    /** The sum of the lanes, lane 0 first. */
    public static float sum(Float8 a) { return FloatLanes.sum(a.v); }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Float8 a, Float8 b) { return FloatLanes.isEqual(a.v, b.v); }

    /** Lane-wise square root. */
    public static Float8 sqrt(Float8 a) { return new Float8(FloatLanes.sqrt(a.v)); }

    /** Euclidean length. */
    public static float length(Float8 a) { return FloatLanes.length(a.v); }

    /** Lane-wise a * b + c with one rounding per lane (Math.fma). */
    public static Float8 fma(Float8 a, Float8 b, Float8 c) { return new Float8(FloatLanes.fma(a.v, b.v, c.v)); }

    @Override
    public boolean equals(Object o) { return o instanceof Float8 other && Arrays.equals(v, other.v); }

    @Override
    public int hashCode() { return Arrays.hashCode(v); }

    @Override
    public String toString() { return "Float8" + Arrays.toString(v); }
}
