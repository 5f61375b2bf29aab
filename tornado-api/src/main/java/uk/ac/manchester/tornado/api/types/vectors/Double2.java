package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;

import java.util.Arrays;

/**
 * 2 double lanes, a value type on the host. Kernels cannot use it: the JIT refuses it by name (see the README's TornadoVM compatibility table).
 */
public final class Double2 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 2;

    private final double[] v = new double[2];

    /** All lanes zero. */
    public Double2() {
    }

    public Double2(double x, double y) {
        v[0] = x;
        v[1] = y;
    }

    /** The lanes from {@code values[0..1]}. */
    public static Double2 fromArray(double[] values) {
        if (values.length != 2) throw new IllegalArgumentException("Double2 needs 2 values, got " + values.length);
        Double2 r = new Double2();
        System.arraycopy(values, 0, r.v, 0, 2);
        return r;
    }

    /** Lanes {@code array[index .. index + 1]}. */
    public static Double2 loadFromArray(DoubleArray array, int index) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = array.get(index + i);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 1]}. */
    public void storeToArray(DoubleArray array, int index) {
        for (int i = 0; i < 2; i++) array.set(index + i, v[i]);
    }

    /** Lanes {@code array[index .. index + 1]} of a heap array. */
    public static Double2 loadFromArray(double[] array, int index) {
        Double2 r = new Double2();
        System.arraycopy(array, index, r.v, 0, 2);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 1]} of a heap array. */
    public void storeToArray(double[] array, int index) {
        System.arraycopy(v, 0, array, index, 2);
    }

    public double get(int lane) {
        return v[lane];
    }

    public void set(int lane, double value) {
        v[lane] = value;
    }

    public double getX() {
        return v[0];
    }

    public void setX(double value) {
        v[0] = value;
    }

    public double getY() {
        return v[1];
    }

    public void setY(double value) {
        v[1] = value;
    }

    public int size() {
        return 2;
    }

    /** A copy of the lanes. */
    public double[] toArray() {
        return v.clone();
    }

    public Double2 duplicate() {
        return fromArray(v);
    }

    /** Lane-wise a + b. */
    public static Double2 add(Double2 a, Double2 b) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] + b.v[i];
        return r;
    }

    /** Lane-wise a - b. */
    public static Double2 sub(Double2 a, Double2 b) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] - b.v[i];
        return r;
    }

    /** Lane-wise a * b. */
    public static Double2 mult(Double2 a, Double2 b) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] * b.v[i];
        return r;
    }

    /** Lane-wise a / b (integer division truncates). */
    public static Double2 div(Double2 a, Double2 b) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] / b.v[i];
        return r;
    }

    /** Lane-wise minimum (Math.min). */
    public static Double2 min(Double2 a, Double2 b) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = Math.min(a.v[i], b.v[i]);
        return r;
    }

    /** Lane-wise maximum (Math.max). */
    public static Double2 max(Double2 a, Double2 b) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = Math.max(a.v[i], b.v[i]);
        return r;
    }

    /** Every lane times {@code s}. */
    public static Double2 mult(Double2 a, double s) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] * s;
        return r;
    }

    /** Every lane plus {@code s}. */
    public static Double2 add(Double2 a, double s) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = a.v[i] + s;
        return r;
    }

    /** The sum of the lanes products, lane 0 first. */
    public static double dot(Double2 a, Double2 b) {
        double s = 0;
        for (int i = 0; i < 2; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** The sum of the lanes, lane 0 first. */
    public static double sum(Double2 a) {
        double s = 0;
        for (int i = 0; i < 2; i++) s += a.v[i];
        return s;
    }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Double2 a, Double2 b) {
        for (int i = 0; i < 2; i++) if (a.v[i] != b.v[i]) return false;
        return true;
    }

    /** Lane-wise square root. */
    public static Double2 sqrt(Double2 a) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = (double) Math.sqrt(a.v[i]);
        return r;
    }

    /** Euclidean length. */
    public static double length(Double2 a) {
        return (double) Math.sqrt(dot(a, a));
    }

    /** Lane-wise a * b + c with one rounding per lane (Math.fma). */
    public static Double2 fma(Double2 a, Double2 b, Double2 c) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = Math.fma(a.v[i], b.v[i], c.v[i]);
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Double2 other && Arrays.equals(v, other.v);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "Double2" + Arrays.toString(v);
    }
}
