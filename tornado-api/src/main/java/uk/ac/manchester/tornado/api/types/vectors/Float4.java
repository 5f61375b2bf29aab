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

    private final float[] v = new float[4];

    /** All lanes zero. */
    public Float4() {
    }

    public Float4(float x, float y, float z, float w) {
        v[0] = x;
        v[1] = y;
        v[2] = z;
        v[3] = w;
    }

    /** The lanes from {@code values[0..3]}. */
    public static Float4 fromArray(float[] values) {
        if (values.length != 4) throw new IllegalArgumentException("Float4 needs 4 values, got " + values.length);
        Float4 r = new Float4();
        System.arraycopy(values, 0, r.v, 0, 4);
        return r;
    }

    /** Lanes {@code array[index .. index + 3]}. */
    public static Float4 loadFromArray(FloatArray array, int index) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = array.get(index + i);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 3]}. */
    public void storeToArray(FloatArray array, int index) {
        for (int i = 0; i < 4; i++) array.set(index + i, v[i]);
    }

    /** Lanes {@code array[index .. index + 3]} of a heap array. */
    public static Float4 loadFromArray(float[] array, int index) {
        Float4 r = new Float4();
        System.arraycopy(array, index, r.v, 0, 4);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 3]} of a heap array. */
    public void storeToArray(float[] array, int index) {
        System.arraycopy(v, 0, array, index, 4);
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

    public float getZ() {
        return v[2];
    }

    public void setZ(float value) {
        v[2] = value;
    }

    public float getW() {
        return v[3];
    }

    public void setW(float value) {
        v[3] = value;
    }

    public int size() {
        return 4;
    }

    /** A copy of the lanes. */
    public float[] toArray() {
        return v.clone();
    }

    public Float4 duplicate() {
        return fromArray(v);
    }

    /** Lane-wise a + b. */
    public static Float4 add(Float4 a, Float4 b) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] + b.v[i];
        return r;
    }

    /** Lane-wise a - b. */
    public static Float4 sub(Float4 a, Float4 b) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] - b.v[i];
        return r;
    }

    /** Lane-wise a * b. */
    public static Float4 mult(Float4 a, Float4 b) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] * b.v[i];
        return r;
    }

    /** Lane-wise a / b (integer division truncates). */
    public static Float4 div(Float4 a, Float4 b) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] / b.v[i];
        return r;
    }

    /** Lane-wise minimum (Math.min). */
    public static Float4 min(Float4 a, Float4 b) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = Math.min(a.v[i], b.v[i]);
        return r;
    }

    /** Lane-wise maximum (Math.max). */
    public static Float4 max(Float4 a, Float4 b) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = Math.max(a.v[i], b.v[i]);
        return r;
    }

    /** Every lane times {@code s}. */
    public static Float4 mult(Float4 a, float s) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] * s;
        return r;
    }

    /** Every lane plus {@code s}. */
    public static Float4 add(Float4 a, float s) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] + s;
        return r;
    }

    /** Every lane minus {@code s}. */
    public static Float4 sub(Float4 a, float s) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] - s;
        return r;
    }

    /** Every lane divided by {@code s}. */
    public static Float4 div(Float4 a, float s) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] / s;
        return r;
    }

    /** The smallest lane (Math.min, lane 0 first). */
    public static float min(Float4 a) {
        float m = a.v[0];
        for (int i = 1; i < 4; i++) m = Math.min(m, a.v[i]);
        return m;
    }

    /** The largest lane (Math.max, lane 0 first). */
    public static float max(Float4 a) {
        float m = a.v[0];
        for (int i = 1; i < 4; i++) m = Math.max(m, a.v[i]);
        return m;
    }

    /** The sum of the lanes products, lane 0 first. */
    public static float dot(Float4 a, Float4 b) {
        float s = 0;
        for (int i = 0; i < 4; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** The sum of the lanes, lane 0 first. */
    public static float sum(Float4 a) {
        float s = 0;
        for (int i = 0; i < 4; i++) s += a.v[i];
        return s;
    }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Float4 a, Float4 b) {
        for (int i = 0; i < 4; i++) if (a.v[i] != b.v[i]) return false;
        return true;
    }

    /** Lane-wise square root. */
    public static Float4 sqrt(Float4 a) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = (float) Math.sqrt(a.v[i]);
        return r;
    }

    /** Euclidean length. */
    public static float length(Float4 a) {
        return (float) Math.sqrt(dot(a, a));
    }

    /** Lane-wise a * b + c with one rounding per lane (Math.fma). */
    public static Float4 fma(Float4 a, Float4 b, Float4 c) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = Math.fma(a.v[i], b.v[i], c.v[i]);
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Float4 other && Arrays.equals(v, other.v);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "Float4" + Arrays.toString(v);
    }
}
