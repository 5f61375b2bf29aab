package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;

import java.util.Arrays;

/**
 * 4 double lanes, a value type on the host. Kernels cannot use it: the JIT refuses it by name (see the README's TornadoVM compatibility table).
 */
public final class Double4 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 4;

    // every operation is written once, over the lanes, in DoubleLanes; each result is a new array this class wraps
    private final double[] v;

    /** All lanes zero. */
    public Double4() {
        this(new double[NUM_ELEMENTS]);
    }

    public Double4(double x, double y, double z, double w) {
        this(new double[]{x, y, z, w});
    }

    private Double4(double[] lanes) {
        v = lanes;
    }

    /** The lanes from {@code values[0..3]}. */
    public static Double4 fromArray(double[] values) { return new Double4(DoubleLanes.of("Double4", NUM_ELEMENTS, values)); }

    /** Lanes {@code array[index .. index + 3]}. */
    public static Double4 loadFromArray(DoubleArray array, int index) { return new Double4(DoubleLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 3]}. */
    public void storeToArray(DoubleArray array, int index) { DoubleLanes.store(v, array, index); }

    /** Lanes {@code array[index .. index + 3]} of a heap array. */
    public static Double4 loadFromArray(double[] array, int index) { return new Double4(DoubleLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 3]} of a heap array. */
    public void storeToArray(double[] array, int index) { DoubleLanes.store(v, array, index); }

    public double get(int lane) { return v[lane]; }

    public void set(int lane, double value) { v[lane] = value; }

    public double getX() { return v[0]; }
    public void setX(double value) { v[0] = value; }

    public double getY() { return v[1]; }
    public void setY(double value) { v[1] = value; }

    public double getZ() { return v[2]; }
    public void setZ(double value) { v[2] = value; }

    public double getW() { return v[3]; }
    public void setW(double value) { v[3] = value; }

    public int size() { return NUM_ELEMENTS; }

    /** A copy of the lanes. */
    public double[] toArray() { return v.clone(); }

    public Double4 duplicate() { return new Double4(v.clone()); }

    /** Lane-wise a + b. */
    public static Double4 add(Double4 a, Double4 b) { return new Double4(DoubleLanes.add(a.v, b.v)); }

    /** Lane-wise a - b. */
    public static Double4 sub(Double4 a, Double4 b) { return new Double4(DoubleLanes.sub(a.v, b.v)); }

    /** Lane-wise a * b. */
    public static Double4 mult(Double4 a, Double4 b) { return new Double4(DoubleLanes.mult(a.v, b.v)); }

    /** Lane-wise a / b. */
    public static Double4 div(Double4 a, Double4 b) { return new Double4(DoubleLanes.div(a.v, b.v)); }

    /** Lane-wise minimum (Math.min). */
    public static Double4 min(Double4 a, Double4 b) { return new Double4(DoubleLanes.min(a.v, b.v)); }

    /** Lane-wise maximum (Math.max). */
    public static Double4 max(Double4 a, Double4 b) { return new Double4(DoubleLanes.max(a.v, b.v)); }

    /** Every lane times {@code s}. */
    public static Double4 mult(Double4 a, double s) { return new Double4(DoubleLanes.mult(a.v, s)); }

    /** Every lane plus {@code s}. */
    public static Double4 add(Double4 a, double s) { return new Double4(DoubleLanes.add(a.v, s)); }

    /** The sum of the lanes' products, lane 0 first. */
    public static double dot(Double4 a, Double4 b) { return DoubleLanes.dot(a.v, b.v); }

    /** The sum of the lanes, lane 0 first. */
    public static double sum(Double4 a) { return DoubleLanes.sum(a.v); }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Double4 a, Double4 b) { return DoubleLanes.isEqual(a.v, b.v); }

    /** Lane-wise square root. */
    public static Double4 sqrt(Double4 a) { return new Double4(DoubleLanes.sqrt(a.v)); }

    /** Euclidean length. */
    public static double length(Double4 a) { return DoubleLanes.length(a.v); }

    /** Lane-wise a * b + c with one rounding per lane (Math.fma). */
    public static Double4 fma(Double4 a, Double4 b, Double4 c) { return new Double4(DoubleLanes.fma(a.v, b.v, c.v)); }

    @Override
    public boolean equals(Object o) { return o instanceof Double4 other && Arrays.equals(v, other.v); }

    @Override
    public int hashCode() { return Arrays.hashCode(v); }

    @Override
    public String toString() { return "Double4" + Arrays.toString(v); }
}
