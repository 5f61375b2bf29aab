package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

import java.util.Arrays;

/**
 * 3 float lanes, a value type on the host. Kernels cannot use it: the JIT refuses it by name (see the README's TornadoVM compatibility table).
 */
public final class Float3 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 3;

    private final float[] v = new float[3];

    /** All lanes zero. */
    public Float3() {
    }

    public Float3(float x, float y, float z) {
        v[0] = x;
        v[1] = y;
        v[2] = z;
    }

    /** The lanes from {@code values[0..2]}. */
    public static Float3 fromArray(float[] values) {
        if (values.length != 3) throw new IllegalArgumentException("Float3 needs 3 values, got " + values.length);
        Float3 r = new Float3();
        System.arraycopy(values, 0, r.v, 0, 3);
        return r;
    }

    /** Lanes {@code array[index .. index + 2]}. */
    public static Float3 loadFromArray(FloatArray array, int index) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = array.get(index + i);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 2]}. */
    public void storeToArray(FloatArray array, int index) {
        for (int i = 0; i < 3; i++) array.set(index + i, v[i]);
    }

    /** Lanes {@code array[index .. index + 2]} of a heap array. */
    public static Float3 loadFromArray(float[] array, int index) {
        Float3 r = new Float3();
        System.arraycopy(array, index, r.v, 0, 3);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 2]} of a heap array. */
    public void storeToArray(float[] array, int index) {
        System.arraycopy(v, 0, array, index, 3);
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

    public int size() {
        return 3;
    }

    /** A copy of the lanes. */
    public float[] toArray() {
        return v.clone();
    }

    public Float3 duplicate() {
        return fromArray(v);
    }

    /** Lane-wise a + b. */
    public static Float3 add(Float3 a, Float3 b) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = a.v[i] + b.v[i];
        return r;
    }

    /** Lane-wise a - b. */
    public static Float3 sub(Float3 a, Float3 b) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = a.v[i] - b.v[i];
        return r;
    }

    /** Lane-wise a * b. */
    public static Float3 mult(Float3 a, Float3 b) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = a.v[i] * b.v[i];
        return r;
    }

    /** Lane-wise a / b (integer division truncates). */
    public static Float3 div(Float3 a, Float3 b) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = a.v[i] / b.v[i];
        return r;
    }

    /** Lane-wise minimum (Math.min). */
    public static Float3 min(Float3 a, Float3 b) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = Math.min(a.v[i], b.v[i]);
        return r;
    }

    /** Lane-wise maximum (Math.max). */
    public static Float3 max(Float3 a, Float3 b) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = Math.max(a.v[i], b.v[i]);
        return r;
    }

    /** Every lane times {@code s}. */
    public static Float3 mult(Float3 a, float s) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = a.v[i] * s;
        return r;
    }

    /** Every lane plus {@code s}. */
    public static Float3 add(Float3 a, float s) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = a.v[i] + s;
        return r;
    }

    /** The sum of the lanes products, lane 0 first. */
    public static float dot(Float3 a, Float3 b) {
        float s = 0;
        for (int i = 0; i < 3; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** The sum of the lanes, lane 0 first. */
    public static float sum(Float3 a) {
        float s = 0;
        for (int i = 0; i < 3; i++) s += a.v[i];
        return s;
    }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Float3 a, Float3 b) {
        for (int i = 0; i < 3; i++) if (a.v[i] != b.v[i]) return false;
        return true;
    }

    /** Lane-wise square root. */
    public static Float3 sqrt(Float3 a) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = (float) Math.sqrt(a.v[i]);
        return r;
    }

    /** Euclidean length. */
    public static float length(Float3 a) {
        return (float) Math.sqrt(dot(a, a));
    }

    /** Lane-wise a * b + c with one rounding per lane (Math.fma). */
    public static Float3 fma(Float3 a, Float3 b, Float3 c) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = Math.fma(a.v[i], b.v[i], c.v[i]);
        return r;
    }

    /** The cross product. */
    public static Float3 cross(Float3 a, Float3 b) {
        return new Float3(a.v[1] * b.v[2] - a.v[2] * b.v[1], a.v[2] * b.v[0] - a.v[0] * b.v[2], a.v[0] * b.v[1] - a.v[1] * b.v[0]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Float3 other && Arrays.equals(v, other.v);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "Float3" + Arrays.toString(v);
    }
}
