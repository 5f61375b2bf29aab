package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

import java.util.Arrays;

/**
 * 16 float lanes, a value type on the host and, inside kernels, a vector value in
 * registers (see the README's kernel-language section for what kernels may call).
 */
public final class Float16 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 16;

    // every operation is written once, over the lanes, in FloatLanes; each result is a new array this class wraps
    private final float[] v;

    /** All lanes zero. */
    public Float16() {
        this(new float[NUM_ELEMENTS]);
    }

    public Float16(float s0, float s1, float s2, float s3, float s4, float s5, float s6, float s7, float s8, float s9, float s10, float s11, float s12, float s13, float s14, float s15) {
        this(new float[]{s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15});
    }

    private Float16(float[] lanes) {
        v = lanes;
    }

    /** The lanes from {@code values[0..15]}. */
    public static Float16 fromArray(float[] values) { return new Float16(FloatLanes.of("Float16", NUM_ELEMENTS, values)); }

    /** Lanes {@code array[index .. index + 15]}. */
    public static Float16 loadFromArray(FloatArray array, int index) { return new Float16(FloatLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 15]}. */
    public void storeToArray(FloatArray array, int index) { FloatLanes.store(v, array, index); }

    /** Lanes {@code array[index .. index + 15]} of a heap array. */
    public static Float16 loadFromArray(float[] array, int index) { return new Float16(FloatLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 15]} of a heap array. */
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

    public float getS8() { return v[8]; }
    public void setS8(float value) { v[8] = value; }

    public float getS9() { return v[9]; }
    public void setS9(float value) { v[9] = value; }

    public float getS10() { return v[10]; }
    public void setS10(float value) { v[10] = value; }

    public float getS11() { return v[11]; }
    public void setS11(float value) { v[11] = value; }

    public float getS12() { return v[12]; }
    public void setS12(float value) { v[12] = value; }

    public float getS13() { return v[13]; }
    public void setS13(float value) { v[13] = value; }

    public float getS14() { return v[14]; }
    public void setS14(float value) { v[14] = value; }

    public float getS15() { return v[15]; }
    public void setS15(float value) { v[15] = value; }

    public int size() { return NUM_ELEMENTS; }

    /** A copy of the lanes. */
    public float[] toArray() { return v.clone(); }

    public Float16 duplicate() { return new Float16(v.clone()); }

    /** Lane-wise a + b. */
    public static Float16 add(Float16 a, Float16 b) { return new Float16(FloatLanes.add(a.v, b.v)); }

    /** Lane-wise a - b. */
    public static Float16 sub(Float16 a, Float16 b) { return new Float16(FloatLanes.sub(a.v, b.v)); }

    /** Lane-wise a * b. */
    public static Float16 mult(Float16 a, Float16 b) { return new Float16(FloatLanes.mult(a.v, b.v)); }

    /** Lane-wise a / b. */
    public static Float16 div(Float16 a, Float16 b) { return new Float16(FloatLanes.div(a.v, b.v)); }

    /** Lane-wise minimum (Math.min). */
    public static Float16 min(Float16 a, Float16 b) { return new Float16(FloatLanes.min(a.v, b.v)); }

    /** Lane-wise maximum (Math.max). */
    public static Float16 max(Float16 a, Float16 b) { return new Float16(FloatLanes.max(a.v, b.v)); }

    /** Every lane times {@code s}. */
    public static Float16 mult(Float16 a, float s) { return new Float16(FloatLanes.mult(a.v, s)); }

    /** Every lane plus {@code s}. */
    public static Float16 add(Float16 a, float s) { return new Float16(FloatLanes.add(a.v, s)); }

    /** Every lane minus {@code s}. */
    public static Float16 sub(Float16 a, float s) { return new Float16(FloatLanes.sub(a.v, s)); }

    /** Every lane divided by {@code s}. */
    public static Float16 div(Float16 a, float s) { return new Float16(FloatLanes.div(a.v, s)); }

    /** The smallest lane (Math.min, lane 0 first). */
    public static float min(Float16 a) { return FloatLanes.min(a.v); }

    /** The largest lane (Math.max, lane 0 first). */
    public static float max(Float16 a) { return FloatLanes.max(a.v); }

    /** The sum of the lanes' products, lane 0 first. */
    public static float dot(Float16 a, Float16 b) { return FloatLanes.dot(a.v, b.v); }

    /** The sum of the lanes, lane 0 first. */
    public static float sum(Float16 a) { return FloatLanes.sum(a.v); }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Float16 a, Float16 b) { return FloatLanes.isEqual(a.v, b.v); }

    /** Lane-wise square root. */
    public static Float16 sqrt(Float16 a) { return new Float16(FloatLanes.sqrt(a.v)); }

    /** Euclidean length. */
    public static float length(Float16 a) { return FloatLanes.length(a.v); }

    /** Lane-wise a * b + c with one rounding per lane (Math.fma). */
    public static Float16 fma(Float16 a, Float16 b, Float16 c) { return new Float16(FloatLanes.fma(a.v, b.v, c.v)); }

    @Override
    public boolean equals(Object o) { return o instanceof Float16 other && Arrays.equals(v, other.v); }

    @Override
    public int hashCode() { return Arrays.hashCode(v); }

    @Override
    public String toString() { return "Float16" + Arrays.toString(v); }
}
