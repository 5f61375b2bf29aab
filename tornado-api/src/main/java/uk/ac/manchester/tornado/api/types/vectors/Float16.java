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

    private final float[] v = new float[16];

    /** All lanes zero. */
    public Float16() {
    }

    public Float16(float s0, float s1, float s2, float s3, float s4, float s5, float s6, float s7, float s8, float s9, float s10, float s11, float s12, float s13, float s14, float s15) {
        v[0] = s0;
        v[1] = s1;
        v[2] = s2;
        v[3] = s3;
        v[4] = s4;
        v[5] = s5;
        v[6] = s6;
        v[7] = s7;
        v[8] = s8;
        v[9] = s9;
        v[10] = s10;
        v[11] = s11;
        v[12] = s12;
        v[13] = s13;
        v[14] = s14;
        v[15] = s15;
    }

    /** The lanes from {@code values[0..15]}. */
    public static Float16 fromArray(float[] values) {
        if (values.length != 16) throw new IllegalArgumentException("Float16 needs 16 values, got " + values.length);
        Float16 r = new Float16();
        System.arraycopy(values, 0, r.v, 0, 16);
        return r;
    }

    /** Lanes {@code array[index .. index + 15]}. */
    public static Float16 loadFromArray(FloatArray array, int index) {
        Float16 r = new Float16();
        for (int i = 0; i < 16; i++) r.v[i] = array.get(index + i);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 15]}. */
    public void storeToArray(FloatArray array, int index) {
        for (int i = 0; i < 16; i++) array.set(index + i, v[i]);
    }

    /** Lanes {@code array[index .. index + 15]} of a heap array. */
    public static Float16 loadFromArray(float[] array, int index) {
        Float16 r = new Float16();
        System.arraycopy(array, index, r.v, 0, 16);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 15]} of a heap array. */
    public void storeToArray(float[] array, int index) {
        System.arraycopy(v, 0, array, index, 16);
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

    public float getS8() {
        return v[8];
    }

    public void setS8(float value) {
        v[8] = value;
    }

    public float getS9() {
        return v[9];
    }

    public void setS9(float value) {
        v[9] = value;
    }

    public float getS10() {
        return v[10];
    }

    public void setS10(float value) {
        v[10] = value;
    }

    public float getS11() {
        return v[11];
    }

    public void setS11(float value) {
        v[11] = value;
    }

    public float getS12() {
        return v[12];
    }

    public void setS12(float value) {
        v[12] = value;
    }

    public float getS13() {
        return v[13];
    }

    public void setS13(float value) {
        v[13] = value;
    }

    public float getS14() {
        return v[14];
    }

    public void setS14(float value) {
        v[14] = value;
    }

    public float getS15() {
        return v[15];
    }

    public void setS15(float value) {
        v[15] = value;
    }

    public int size() {
        return 16;
    }

    /** A copy of the lanes. */
    public float[] toArray() {
        return v.clone();
    }

    public Float16 duplicate() {
        return fromArray(v);
    }

    /** Lane-wise a + b. */
    public static Float16 add(Float16 a, Float16 b) {
        Float16 r = new Float16();
        for (int i = 0; i < 16; i++) r.v[i] = a.v[i] + b.v[i];
        return r;
    }

    /** Lane-wise a - b. */
    public static Float16 sub(Float16 a, Float16 b) {
        Float16 r = new Float16();
        for (int i = 0; i < 16; i++) r.v[i] = a.v[i] - b.v[i];
        return r;
    }

    /** Lane-wise a * b. */
    public static Float16 mult(Float16 a, Float16 b) {
        Float16 r = new Float16();
        for (int i = 0; i < 16; i++) r.v[i] = a.v[i] * b.v[i];
        return r;
    }

    /** Lane-wise a / b (integer division truncates). */
    public static Float16 div(Float16 a, Float16 b) {
        Float16 r = new Float16();
        for (int i = 0; i < 16; i++) r.v[i] = a.v[i] / b.v[i];
        return r;
    }

    /** Lane-wise minimum (Math.min). */
    public static Float16 min(Float16 a, Float16 b) {
        Float16 r = new Float16();
        for (int i = 0; i < 16; i++) r.v[i] = Math.min(a.v[i], b.v[i]);
        return r;
    }

    /** Lane-wise maximum (Math.max). */
    public static Float16 max(Float16 a, Float16 b) {
        Float16 r = new Float16();
        for (int i = 0; i < 16; i++) r.v[i] = Math.max(a.v[i], b.v[i]);
        return r;
    }

    /** Every lane times {@code s}. */
    public static Float16 mult(Float16 a, float s) {
        Float16 r = new Float16();
        for (int i = 0; i < 16; i++) r.v[i] = a.v[i] * s;
        return r;
    }

    /** Every lane plus {@code s}. */
    public static Float16 add(Float16 a, float s) {
        Float16 r = new Float16();
        for (int i = 0; i < 16; i++) r.v[i] = a.v[i] + s;
        return r;
    }

    /** Every lane minus {@code s}. */
    public static Float16 sub(Float16 a, float s) {
        Float16 r = new Float16();
        for (int i = 0; i < 16; i++) r.v[i] = a.v[i] - s;
        return r;
    }

    /** Every lane divided by {@code s}. */
    public static Float16 div(Float16 a, float s) {
        Float16 r = new Float16();
        for (int i = 0; i < 16; i++) r.v[i] = a.v[i] / s;
        return r;
    }

    /** The smallest lane (Math.min, lane 0 first). */
    public static float min(Float16 a) {
        float m = a.v[0];
        for (int i = 1; i < 16; i++) m = Math.min(m, a.v[i]);
        return m;
    }

    /** The largest lane (Math.max, lane 0 first). */
    public static float max(Float16 a) {
        float m = a.v[0];
        for (int i = 1; i < 16; i++) m = Math.max(m, a.v[i]);
        return m;
    }

    /** The sum of the lanes products, lane 0 first. */
    public static float dot(Float16 a, Float16 b) {
        float s = 0;
        for (int i = 0; i < 16; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** The sum of the lanes, lane 0 first. */
    public static float sum(Float16 a) {
        float s = 0;
        for (int i = 0; i < 16; i++) s += a.v[i];
        return s;
    }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Float16 a, Float16 b) {
        for (int i = 0; i < 16; i++) if (a.v[i] != b.v[i]) return false;
        return true;
    }

    /** Lane-wise square root. */
    public static Float16 sqrt(Float16 a) {
        Float16 r = new Float16();
        for (int i = 0; i < 16; i++) r.v[i] = (float) Math.sqrt(a.v[i]);
        return r;
    }

    /** Euclidean length. */
    public static float length(Float16 a) {
        return (float) Math.sqrt(dot(a, a));
    }

    /** Lane-wise a * b + c with one rounding per lane (Math.fma). */
    public static Float16 fma(Float16 a, Float16 b, Float16 c) {
        Float16 r = new Float16();
        for (int i = 0; i < 16; i++) r.v[i] = Math.fma(a.v[i], b.v[i], c.v[i]);
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Float16 other && Arrays.equals(v, other.v);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "Float16" + Arrays.toString(v);
    }
}
