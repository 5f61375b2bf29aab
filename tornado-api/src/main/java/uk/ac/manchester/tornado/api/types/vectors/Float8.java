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

    private final float[] v = new float[8];

    /** All lanes zero. */
    public Float8() {
    }

    public Float8(float s0, float s1, float s2, float s3, float s4, float s5, float s6, float s7) {
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
    public static Float8 fromArray(float[] values) {
        if (values.length != 8) throw new IllegalArgumentException("Float8 needs 8 values, got " + values.length);
        Float8 r = new Float8();
        System.arraycopy(values, 0, r.v, 0, 8);
        return r;
    }

    /** Lanes {@code array[index .. index + 7]}. */
    public static Float8 loadFromArray(FloatArray array, int index) {
        Float8 r = new Float8();
        for (int i = 0; i < 8; i++) r.v[i] = array.get(index + i);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 7]}. */
    public void storeToArray(FloatArray array, int index) {
        for (int i = 0; i < 8; i++) array.set(index + i, v[i]);
    }

    /** Lanes {@code array[index .. index + 7]} of a heap array. */
    public static Float8 loadFromArray(float[] array, int index) {
        Float8 r = new Float8();
        System.arraycopy(array, index, r.v, 0, 8);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 7]} of a heap array. */
    public void storeToArray(float[] array, int index) {
        System.arraycopy(v, 0, array, index, 8);
    }

    public float get(int lane) {
        return v[lane];
    }

    public void set(int lane, float value) {
        v[lane] = value;
    }

    public float getS0() {
        return v[0];
    }

    public void setS0(float value) {
        v[0] = value;
    }

    public float getS1() {
        return v[1];
    }

    public void setS1(float value) {
        v[1] = value;
    }

    public float getS2() {
        return v[2];
    }

    public void setS2(float value) {
        v[2] = value;
    }

    public float getS3() {
        return v[3];
    }

    public void setS3(float value) {
        v[3] = value;
    }

    public float getS4() {
        return v[4];
    }

    public void setS4(float value) {
        v[4] = value;
    }

    public float getS5() {
        return v[5];
    }

    public void setS5(float value) {
        v[5] = value;
    }

    public float getS6() {
        return v[6];
    }

    public void setS6(float value) {
        v[6] = value;
    }

    public float getS7() {
        return v[7];
    }

    public void setS7(float value) {
        v[7] = value;
    }

    public int size() {
        return 8;
    }

    /** A copy of the lanes. */
    public float[] toArray() {
        return v.clone();
    }

    public Float8 duplicate() {
        return fromArray(v);
    }

    /** Lane-wise a + b. */
    public static Float8 add(Float8 a, Float8 b) {
        Float8 r = new Float8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] + b.v[i];
        return r;
    }

    /** Lane-wise a - b. */
    public static Float8 sub(Float8 a, Float8 b) {
        Float8 r = new Float8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] - b.v[i];
        return r;
    }

    /** Lane-wise a * b. */
    public static Float8 mult(Float8 a, Float8 b) {
        Float8 r = new Float8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] * b.v[i];
        return r;
    }

    /** Lane-wise a / b (integer division truncates). */
    public static Float8 div(Float8 a, Float8 b) {
        Float8 r = new Float8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] / b.v[i];
        return r;
    }

    /** Lane-wise minimum (Math.min). */
    public static Float8 min(Float8 a, Float8 b) {
        Float8 r = new Float8();
        for (int i = 0; i < 8; i++) r.v[i] = Math.min(a.v[i], b.v[i]);
        return r;
    }

    /** Lane-wise maximum (Math.max). */
    public static Float8 max(Float8 a, Float8 b) {
        Float8 r = new Float8();
        for (int i = 0; i < 8; i++) r.v[i] = Math.max(a.v[i], b.v[i]);
        return r;
    }

    /** Every lane times {@code s}. */
    public static Float8 mult(Float8 a, float s) {
        Float8 r = new Float8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] * s;
        return r;
    }

    /** Every lane plus {@code s}. */
    public static Float8 add(Float8 a, float s) {
        Float8 r = new Float8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] + s;
        return r;
    }

    /** Every lane minus {@code s}. */
    public static Float8 sub(Float8 a, float s) {
        Float8 r = new Float8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] - s;
        return r;
    }

    /** Every lane divided by {@code s}. */
    public static Float8 div(Float8 a, float s) {
        Float8 r = new Float8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] / s;
        return r;
    }

    /** The smallest lane (Math.min, lane 0 first). */
    public static float min(Float8 a) {
        float m = a.v[0];
        for (int i = 1; i < 8; i++) m = Math.min(m, a.v[i]);
        return m;
    }

    /** The largest lane (Math.max, lane 0 first). */
    public static float max(Float8 a) {
        float m = a.v[0];
        for (int i = 1; i < 8; i++) m = Math.max(m, a.v[i]);
        return m;
    }

    /** The sum of the lanes products, lane 0 first. */
    public static float dot(Float8 a, Float8 b) {
        float s = 0;
        for (int i = 0; i < 8; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** The sum of the lanes, lane 0 first. */
    public static float sum(Float8 a) {
        float s = 0;
        for (int i = 0; i < 8; i++) s += a.v[i];
        return s;
    }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Float8 a, Float8 b) {
        for (int i = 0; i < 8; i++) if (a.v[i] != b.v[i]) return false;
        return true;
    }

    /** Lane-wise square root. */
    public static Float8 sqrt(Float8 a) {
        Float8 r = new Float8();
        for (int i = 0; i < 8; i++) r.v[i] = (float) Math.sqrt(a.v[i]);
        return r;
    }

    /** Euclidean length. */
    public static float length(Float8 a) {
        return (float) Math.sqrt(dot(a, a));
    }

    /** Lane-wise a * b + c with one rounding per lane (Math.fma). */
    public static Float8 fma(Float8 a, Float8 b, Float8 c) {
        Float8 r = new Float8();
        for (int i = 0; i < 8; i++) r.v[i] = Math.fma(a.v[i], b.v[i], c.v[i]);
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Float8 other && Arrays.equals(v, other.v);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "Float8" + Arrays.toString(v);
    }
}
