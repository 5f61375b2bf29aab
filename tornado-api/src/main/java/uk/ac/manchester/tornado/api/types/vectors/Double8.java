package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;

import java.util.Arrays;

/**
 * 8 double lanes, a value type on the host. Kernels cannot use it: the JIT refuses it by name (see the README's TornadoVM compatibility table).
 */
public final class Double8 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 8;

    // every operation is written once, over the lanes, in DoubleLanes; each result is a new array this class wraps
    private final double[] v;

    /** All lanes zero. */
    public Double8() {
        this(new double[NUM_ELEMENTS]);
    }

    public Double8(double s0, double s1, double s2, double s3, double s4, double s5, double s6, double s7) {
        this(new double[]{s0, s1, s2, s3, s4, s5, s6, s7});
    }

    private Double8(double[] lanes) {
        v = lanes;
    }

    /** The lanes from {@code values[0..7]}. */
    public static Double8 fromArray(double[] values) { return new Double8(DoubleLanes.of("Double8", NUM_ELEMENTS, values)); }

    /** Lanes {@code array[index .. index + 7]}. */
    public static Double8 loadFromArray(DoubleArray array, int index) { return new Double8(DoubleLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 7]}. */
    public void storeToArray(DoubleArray array, int index) { DoubleLanes.store(v, array, index); }

    /** Lanes {@code array[index .. index + 7]} of a heap array. */
    public static Double8 loadFromArray(double[] array, int index) { return new Double8(DoubleLanes.load(array, index, NUM_ELEMENTS)); }

    /** Stores the lanes at {@code array[index .. index + 7]} of a heap array. */
    public void storeToArray(double[] array, int index) { DoubleLanes.store(v, array, index); }

    public double get(int lane) { return v[lane]; }

    public void set(int lane, double value) { v[lane] = value; }

    public double getS0() { return v[0]; }
    public void setS0(double value) { v[0] = value; }

    public double getS1() { return v[1]; }
    public void setS1(double value) { v[1] = value; }

    public double getS2() { return v[2]; }
    public void setS2(double value) { v[2] = value; }

    public double getS3() { return v[3]; }
    public void setS3(double value) { v[3] = value; }

    public double getS4() { return v[4]; }
    public void setS4(double value) { v[4] = value; }

    public double getS5() { return v[5]; }
    public void setS5(double value) { v[5] = value; }

    public double getS6() { return v[6]; }
    public void setS6(double value) { v[6] = value; }

    public double getS7() { return v[7]; }
    public void setS7(double value) { v[7] = value; }

    public int size() { return NUM_ELEMENTS; }

    /** A copy of the lanes. */
    public double[] toArray() { return v.clone(); }

    public Double8 duplicate() { return new Double8(v.clone()); }

    /** Lane-wise a + b. */
    public static Double8 add(Double8 a, Double8 b) { return new Double8(DoubleLanes.add(a.v, b.v)); }

    /** Lane-wise a - b. */
    public static Double8 sub(Double8 a, Double8 b) { return new Double8(DoubleLanes.sub(a.v, b.v)); }

    /** Lane-wise a * b. */
    public static Double8 mult(Double8 a, Double8 b) { return new Double8(DoubleLanes.mult(a.v, b.v)); }

    /** Lane-wise a / b. */
    public static Double8 div(Double8 a, Double8 b) { return new Double8(DoubleLanes.div(a.v, b.v)); }

    /** Lane-wise minimum (Math.min). */
    public static Double8 min(Double8 a, Double8 b) { return new Double8(DoubleLanes.min(a.v, b.v)); }

    /** Lane-wise maximum (Math.max). */
    public static Double8 max(Double8 a, Double8 b) { return new Double8(DoubleLanes.max(a.v, b.v)); }

    /** Every lane times {@code s}. */
    public static Double8 mult(Double8 a, double s) { return new Double8(DoubleLanes.mult(a.v, s)); }

    /** Every lane plus {@code s}. */
    public static Double8 add(Double8 a, double s) { return new Double8(DoubleLanes.add(a.v, s)); }

    /** The sum of the lanes' products, lane 0 first. */
    public static double dot(Double8 a, Double8 b) { return DoubleLanes.dot(a.v, b.v); }

    /** The sum of the lanes, lane 0 first. */
    public static double sum(Double8 a) { return DoubleLanes.sum(a.v); }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Double8 a, Double8 b) { return DoubleLanes.isEqual(a.v, b.v); }

    /** Lane-wise square root. */
    public static Double8 sqrt(Double8 a) { return new Double8(DoubleLanes.sqrt(a.v)); }

    /** Euclidean length. */
    public static double length(Double8 a) { return DoubleLanes.length(a.v); }

    /** Lane-wise a * b + c with one rounding per lane (Math.fma). */
    public static Double8 fma(Double8 a, Double8 b, Double8 c) { return new Double8(DoubleLanes.fma(a.v, b.v, c.v)); }

    @Override
    public boolean equals(Object o) { return o instanceof Double8 other && Arrays.equals(v, other.v); }

    @Override
    public int hashCode() { return Arrays.hashCode(v); }

    @Override
    public String toString() { return "Double8" + Arrays.toString(v); }
}
