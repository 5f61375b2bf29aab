package uk.ac.manchester.tornado.api.types.vectors;

import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;

import java.util.Arrays;

/**
 * 8 double lanes, a value type on the host. Kernels cannot use it: the JIT refuses it by name (see the README's TornadoVM compatibility table).
 */
public final class Double8 {
    /** Number of lanes. */
    public static final int NUM_ELEMENTS = 8;

    private final double[] v = new double[8];

    /** All lanes zero. */
    public Double8() {
    }

    public Double8(double s0, double s1, double s2, double s3, double s4, double s5, double s6, double s7) {
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
    public static Double8 fromArray(double[] values) {
        if (values.length != 8) throw new IllegalArgumentException("Double8 needs 8 values, got " + values.length);
        Double8 r = new Double8();
        System.arraycopy(values, 0, r.v, 0, 8);
        return r;
    }

    /** Lanes {@code array[index .. index + 7]}. */
    public static Double8 loadFromArray(DoubleArray array, int index) {
        Double8 r = new Double8();
        for (int i = 0; i < 8; i++) r.v[i] = array.get(index + i);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 7]}. */
    public void storeToArray(DoubleArray array, int index) {
        for (int i = 0; i < 8; i++) array.set(index + i, v[i]);
    }

    /** Lanes {@code array[index .. index + 7]} of a heap array. */
    public static Double8 loadFromArray(double[] array, int index) {
        Double8 r = new Double8();
        System.arraycopy(array, index, r.v, 0, 8);
        return r;
    }

    /** Stores the lanes at {@code array[index .. index + 7]} of a heap array. */
    public void storeToArray(double[] array, int index) {
        System.arraycopy(v, 0, array, index, 8);
    }

    public double get(int lane) {
        return v[lane];
    }

    public void set(int lane, double value) {
        v[lane] = value;
    }

    public double getS0() {
        return v[0];
    }

    public void setS0(double value) {
        v[0] = value;
    }

    public double getS1() {
        return v[1];
    }

    public void setS1(double value) {
        v[1] = value;
    }

    public double getS2() {
        return v[2];
    }

    public void setS2(double value) {
        v[2] = value;
    }

    public double getS3() {
        return v[3];
    }

    public void setS3(double value) {
        v[3] = value;
    }

    public double getS4() {
        return v[4];
    }

    public void setS4(double value) {
        v[4] = value;
    }

    public double getS5() {
        return v[5];
    }

    public void setS5(double value) {
        v[5] = value;
    }

    public double getS6() {
        return v[6];
    }

    public void setS6(double value) {
        v[6] = value;
    }

    public double getS7() {
        return v[7];
    }

    public void setS7(double value) {
        v[7] = value;
    }

    public int size() {
        return 8;
    }

    /** A copy of the lanes. */
    public double[] toArray() {
        return v.clone();
    }

    public Double8 duplicate() {
        return fromArray(v);
    }

    /** Lane-wise a + b. */
    public static Double8 add(Double8 a, Double8 b) {
        Double8 r = new Double8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] + b.v[i];
        return r;
    }

    /** Lane-wise a - b. */
    public static Double8 sub(Double8 a, Double8 b) {
        Double8 r = new Double8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] - b.v[i];
        return r;
    }

    /** Lane-wise a * b. */
    public static Double8 mult(Double8 a, Double8 b) {
        Double8 r = new Double8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] * b.v[i];
        return r;
    }

    /** Lane-wise a / b (integer division truncates). */
    public static Double8 div(Double8 a, Double8 b) {
        Double8 r = new Double8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] / b.v[i];
        return r;
    }

    /** Lane-wise minimum (Math.min). */
    public static Double8 min(Double8 a, Double8 b) {
        Double8 r = new Double8();
        for (int i = 0; i < 8; i++) r.v[i] = Math.min(a.v[i], b.v[i]);
        return r;
    }

    /** Lane-wise maximum (Math.max). */
    public static Double8 max(Double8 a, Double8 b) {
        Double8 r = new Double8();
        for (int i = 0; i < 8; i++) r.v[i] = Math.max(a.v[i], b.v[i]);
        return r;
    }

    /** Every lane times {@code s}. */
    public static Double8 mult(Double8 a, double s) {
        Double8 r = new Double8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] * s;
        return r;
    }

    /** Every lane plus {@code s}. */
    public static Double8 add(Double8 a, double s) {
        Double8 r = new Double8();
        for (int i = 0; i < 8; i++) r.v[i] = a.v[i] + s;
        return r;
    }

    /** The sum of the lanes products, lane 0 first. */
    public static double dot(Double8 a, Double8 b) {
        double s = 0;
        for (int i = 0; i < 8; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** The sum of the lanes, lane 0 first. */
    public static double sum(Double8 a) {
        double s = 0;
        for (int i = 0; i < 8; i++) s += a.v[i];
        return s;
    }

    /** Lanes equal (floating lanes compared as Java's ==). */
    public static boolean isEqual(Double8 a, Double8 b) {
        for (int i = 0; i < 8; i++) if (a.v[i] != b.v[i]) return false;
        return true;
    }

    /** Lane-wise square root. */
    public static Double8 sqrt(Double8 a) {
        Double8 r = new Double8();
        for (int i = 0; i < 8; i++) r.v[i] = (double) Math.sqrt(a.v[i]);
        return r;
    }

    /** Euclidean length. */
    public static double length(Double8 a) {
        return (double) Math.sqrt(dot(a, a));
    }

    /** Lane-wise a * b + c with one rounding per lane (Math.fma). */
    public static Double8 fma(Double8 a, Double8 b, Double8 c) {
        Double8 r = new Double8();
        for (int i = 0; i < 8; i++) r.v[i] = Math.fma(a.v[i], b.v[i], c.v[i]);
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Double8 other && Arrays.equals(v, other.v);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "Double8" + Arrays.toString(v);
    }
}
