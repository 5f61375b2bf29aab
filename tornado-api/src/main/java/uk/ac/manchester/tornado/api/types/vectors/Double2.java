package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;

import java.util.Arrays;

/**
 * 2 double lanes, a value type on the host. Kernels cannot use it: the JIT refuses it by name (see the README's TornadoVM compatibility table).
 */
public final class Double2 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 2;

    // every operation is written once, over the lanes, in DoubleLanes; each result is a new array this class wraps
    private final double[] v;

    /** All lanes zero. */
    public Double2() {
        this(new double[NUM_ELEMENTS]);
    }

    public Double2(double x, double y) {
        this(new double[]{x, y});
    }

    private Double2(double[] lanes) {
        v = lanes;
    }

    /** The lanes from {@code values[0..1]}. */
    public static Double2 fromArray(double[] values) { return new Double2(DoubleLanes.of("Double2", NUM_ELEMENTS, values)); }

    /** Lanes {@code array[index .. index + 1]}. */
    public static Double2 loadFromArray(DoubleArray array, int index) { return new Double2(DoubleLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 1]}. */
    public void storeToArray(DoubleArray array, int index) { DoubleLanes.store(v, array, index); }

    /** Lanes {@code array[index .. index + 1]} of a heap array. */
    public static Double2 loadFromArray(double[] array, int index) { return new Double2(DoubleLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 1]} of a heap array. */
    public void storeToArray(double[] array, int index) { DoubleLanes.store(v, array, index); }

    public double get(int lane) { return v[lane]; }

    public void set(int lane, double value) { v[lane] = value; }

    public double getX() { return v[0]; }
    public void setX(double value) { v[0] = value; }

    public double getY() { return v[1]; }
    public void setY(double value) { v[1] = value; }

    public int size() { return NUM_ELEMENTS; }

    /** A copy of the lanes. */
    public double[] toArray() { return v.clone(); }

    public Double2 duplicate() { return new Double2(v.clone()); }

    /** Lane-wise a + b. */
    public static Double2 add(Double2 a, Double2 b) { return new Double2(DoubleLanes.add(a.v, b.v)); }

    /** Lane-wise a - b. */
    public static Double2 sub(Double2 a, Double2 b) { return new Double2(DoubleLanes.sub(a.v, b.v)); }

    /** Lane-wise a * b. */
    public static Double2 mult(Double2 a, Double2 b) { return new Double2(DoubleLanes.mult(a.v, b.v)); }

    /** Lane-wise a / b. */
    public static Double2 div(Double2 a, Double2 b) { return new Double2(DoubleLanes.div(a.v, b.v)); }

    /** Lane-wise minimum (Math.min). */
    public static Double2 min(Double2 a, Double2 b) { return new Double2(DoubleLanes.min(a.v, b.v)); }

    /** Lane-wise maximum (Math.max). */
    public static Double2 max(Double2 a, Double2 b) { return new Double2(DoubleLanes.max(a.v, b.v)); }

    /** Every lane times {@code s}. */
    public static Double2 mult(Double2 a, double s) { return new Double2(DoubleLanes.mult(a.v, s)); }

    /** Every lane plus {@code s}. */
    public static Double2 add(Double2 a, double s) { return new Double2(DoubleLanes.add(a.v, s)); }

    /** The sum of the lanes' products, lane 0 first. */
    public static double dot(Double2 a, Double2 b) { return DoubleLanes.dot(a.v, b.v); }

    /** The sum of the lanes, lane 0 first. */
    public static double sum(Double2 a) { return DoubleLanes.sum(a.v); }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Double2 a, Double2 b) { return DoubleLanes.isEqual(a.v, b.v); }

    /** Lane-wise square root. */
    public static Double2 sqrt(Double2 a) { return new Double2(DoubleLanes.sqrt(a.v)); }

    /** Euclidean length. */
    public static double length(Double2 a) { return DoubleLanes.length(a.v); }

    /** Lane-wise a * b + c with one rounding per lane (Math.fma). */
    public static Double2 fma(Double2 a, Double2 b, Double2 c) { return new Double2(DoubleLanes.fma(a.v, b.v, c.v)); }

    @Override
    public boolean equals(Object o) { return o instanceof Double2 other && Arrays.equals(v, other.v); }

    @Override
    public int hashCode() { return Arrays.hashCode(v); }

    @Override
    public String toString() { return "Double2" + Arrays.toString(v); }
}
