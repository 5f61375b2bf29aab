package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;

import java.util.Arrays;

/**
 * 4 double lanes, a value type on the host. Kernels cannot use it: the JIT refuses it by name (see the README's TornadoVM compatibility table).
 */
public final class Double4 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 4;

    private final double[] v = new double[4];

    /** All lanes zero. */
    public Double4() {
    }

    public Double4(double x, double y, double z, double w) {
        v[0] = x;
        v[1] = y;
        v[2] = z;
        v[3] = w;
    }

    /** The lanes from {@code values[0..3]}. */
    public static Double4 fromArray(double[] values) {
        if (values.length != 4) throw new IllegalArgumentException("Double4 needs 4 values, got " + values.length);
        Double4 r = new Double4();
        System.arraycopy(values, 0, r.v, 0, 4);
        return r;
    }

    /** Lanes {@code array[index .. index + 3]}. */
    public static Double4 loadFromArray(DoubleArray array, int index) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = array.get(index + i);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 3]}. */
    public void storeToArray(DoubleArray array, int index) {
        for (int i = 0; i < 4; i++) array.set(index + i, v[i]);
    }

    /** Lanes {@code array[index .. index + 3]} of a heap array. */
    public static Double4 loadFromArray(double[] array, int index) {
        Double4 r = new Double4();
        System.arraycopy(array, index, r.v, 0, 4);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 3]} of a heap array. */
    public void storeToArray(double[] array, int index) {
        System.arraycopy(v, 0, array, index, 4);
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

    public double getZ() {
        return v[2];
    }

    public void setZ(double value) {
        v[2] = value;
    }

    public double getW() {
        return v[3];
    }

    public void setW(double value) {
        v[3] = value;
    }

    public int size() {
        return 4;
    }

    /** A copy of the lanes. */
    public double[] toArray() {
        return v.clone();
    }

    public Double4 duplicate() {
        return fromArray(v);
    }

    /** Lane-wise a + b. */
    public static Double4 add(Double4 a, Double4 b) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] + b.v[i];
        return r;
    }

    /** Lane-wise a - b. */
    public static Double4 sub(Double4 a, Double4 b) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] - b.v[i];
        return r;
    }

    /** Lane-wise a * b. */
    public static Double4 mult(Double4 a, Double4 b) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] * b.v[i];
        return r;
    }

    /** Lane-wise a / b (integer division truncates). */
    public static Double4 div(Double4 a, Double4 b) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] / b.v[i];
        return r;
    }

    /** Lane-wise minimum (Math.min). */
    public static Double4 min(Double4 a, Double4 b) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = Math.min(a.v[i], b.v[i]);
        return r;
    }

    /** Lane-wise maximum (Math.max). */
    public static Double4 max(Double4 a, Double4 b) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = Math.max(a.v[i], b.v[i]);
        return r;
    }

    /** Every lane times {@code s}. */
    public static Double4 mult(Double4 a, double s) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] * s;
        return r;
    }

    /** Every lane plus {@code s}. */
    public static Double4 add(Double4 a, double s) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = a.v[i] + s;
        return r;
    }

    /** The sum of the lanes products, lane 0 first. */
    public static double dot(Double4 a, Double4 b) {
        double s = 0;
        for (int i = 0; i < 4; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** The sum of the lanes, lane 0 first. */
    public static double sum(Double4 a) {
        double s = 0;
        for (int i = 0; i < 4; i++) s += a.v[i];
        return s;
    }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Double4 a, Double4 b) {
        for (int i = 0; i < 4; i++) if (a.v[i] != b.v[i]) return false;
        return true;
    }

    /** Lane-wise square root. */
    public static Double4 sqrt(Double4 a) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = (double) Math.sqrt(a.v[i]);
        return r;
    }

    /** Euclidean length. */
    public static double length(Double4 a) {
        return (double) Math.sqrt(dot(a, a));
    }

    /** Lane-wise a * b + c with one rounding per lane (Math.fma). */
    public static Double4 fma(Double4 a, Double4 b, Double4 c) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = Math.fma(a.v[i], b.v[i], c.v[i]);
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Double4 other && Arrays.equals(v, other.v);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "Double4" + Arrays.toString(v);
    }
}
