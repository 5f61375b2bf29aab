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

    private final float[] v = new float[2];

    /** All lanes zero. */
    public Float2() {
    }

    public Float2(float x, float y) {
        v[0] = x;
        v[1] = y;
    }

    /** The lanes from {@code values[0..1]}. */
    public static Float2 fromArray(float[] values) {
        if (values.length != 2) throw new IllegalArgumentException("Float2 needs 2 values, got " + values.length);
        Float2 r = new Float2();
        System.arraycopy(values, 0, r.v, 0, 2);
        return r;
    }

    /** Lanes {@code array[index .. index + 1]}. */
    public static Float2 loadFromArray(FloatArray array, int index) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = array.get(index + i);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 1]}. */
    public void storeToArray(FloatArray array, int index) {
        for (int i = 0; i < 2; i++) array.set(index + i, v[i]);
    }

    /** Lanes {@code array[index .. index + 1]} of a heap array. */
    public static Float2 loadFromArray(float[] array, int index) {
        Float2 r = new Float2();
        System.arraycopy(array, index, r.v, 0, 2);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 1]} of a heap array. */
    public void storeToArray(float[] array, int index) {
        System.arraycopy(v, 0, array, index, 2);
    }

    public float get(int lane) {
        return v[lane];
    }

    public void set(int lane, float value) {
        v[lane] = value;
    }

    public float getX() {
        return v[0];
    }

    public void setX(float value) {
        v[0] = value;
    }

    public float getY() {
        return v[1];
    }

    public void setY(float value) {
        v[1] = value;
    }

    public int size() {
        return 2;
    }

    /** A copy of the lanes. */
    public float[] toArray() {
        return v.clone();
    }

    public Float2 duplicate() {
        return fromArray(v);
    }

    /** Lane-wise a + b. */
    public static Float2 add(Float2 a, Float2 b) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] + b.v[i];
        return r;
    }

    /** Lane-wise a - b. */
    public static Float2 sub(Float2 a, Float2 b) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] - b.v[i];
        return r;
    }

    /** Lane-wise a * b. */
    public static Float2 mult(Float2 a, Float2 b) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] * b.v[i];
        return r;
    }

    /** Lane-wise a / b (integer division truncates). */
    public static Float2 div(Float2 a, Float2 b) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] / b.v[i];
        return r;
    }

    /** Lane-wise minimum (Math.min). */
    public static Float2 min(Float2 a, Float2 b) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = Math.min(a.v[i], b.v[i]);
        return r;
    }

    /** Lane-wise maximum (Math.max). */
    public static Float2 max(Float2 a, Float2 b) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = Math.max(a.v[i], b.v[i]);
        return r;
    }

    /** Every lane times {@code s}. */
    public static Float2 mult(Float2 a, float s) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] * s;
        return r;
    }

    /** Every lane plus {@code s}. */
    public static Float2 add(Float2 a, float s) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] + s;
        return r;
    }

    /** Every lane minus {@code s}. */
    public static Float2 sub(Float2 a, float s) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] - s;
        return r;
    }

    /** Every lane divided by {@code s}. */
    public static Float2 div(Float2 a, float s) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] / s;
        return r;
    }

    /** The smallest lane (Math.min, lane 0 first). */
    public static float min(Float2 a) {
        float m = a.v[0];
        for (int i = 1; i < 2; i++) m = Math.min(m, a.v[i]);
        return m;
    }

    /** The largest lane (Math.max, lane 0 first). */
    public static float max(Float2 a) {
        float m = a.v[0];
        for (int i = 1; i < 2; i++) m = Math.max(m, a.v[i]);
        return m;
    }

    /** The sum of the lanes products, lane 0 first. */
    public static float dot(Float2 a, Float2 b) {
        float s = 0;
        for (int i = 0; i < 2; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** The sum of the lanes, lane 0 first. */
    public static float sum(Float2 a) {
        float s = 0;
        for (int i = 0; i < 2; i++) s += a.v[i];
        return s;
    }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Float2 a, Float2 b) {
        for (int i = 0; i < 2; i++) if (a.v[i] != b.v[i]) return false;
        return true;
    }

    /** Lane-wise square root. */
    public static Float2 sqrt(Float2 a) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = (float) Math.sqrt(a.v[i]);
        return r;
    }

    /** Euclidean length. */
    public static float length(Float2 a) {
        return (float) Math.sqrt(dot(a, a));
    }

    /** Lane-wise a * b + c with one rounding per lane (Math.fma). */
    public static Float2 fma(Float2 a, Float2 b, Float2 c) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = Math.fma(a.v[i], b.v[i], c.v[i]);
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Float2 other && Arrays.equals(v, other.v);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "Float2" + Arrays.toString(v);
    }
}
