package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * A double array off the Java heap (see {@link TornadoNativeArray}). Memory is freed by the
 * garbage collector once the array is unreachable.
 */
public final class DoubleArray extends TornadoNativeArray {
    private static final ValueLayout.OfDouble LAYOUT = ValueLayout.JAVA_DOUBLE;

    /** A zero-filled array of {@code numberOfElements} elements. */
    public DoubleArray(int numberOfElements) {
        super(numberOfElements, (int) LAYOUT.byteSize());
    }

    private DoubleArray(MemorySegment segment) {
        super(segment, (int) LAYOUT.byteSize());
    }

    /** A new off-heap array with a copy of {@code values}. */
    public static DoubleArray fromArray(double[] values) {
        DoubleArray a = new DoubleArray(values.length);
        MemorySegment.copy(values, 0, a.segment, LAYOUT, 0, values.length);
        return a;
    }

    public static DoubleArray fromElements(double... values) {
        return fromArray(values);
    }

    /** An array over existing memory (no copy); its size is the segment's size in elements. */
    public static DoubleArray fromSegment(MemorySegment segment) {
        return new DoubleArray(segment);
    }

    public double get(int index) {
        return segment.getAtIndex(LAYOUT, checked(index));
    }

    public void set(int index, double value) {
        segment.setAtIndex(LAYOUT, checked(index), value);
    }

    /** Sets every element to {@code value}. */
    public void init(double value) {
        for (int i = 0; i < getSize(); i++) segment.setAtIndex(LAYOUT, i, value);
    }

    /** A copy of the elements on the Java heap. */
    public double[] toHeapArray() {
        double[] out = new double[getSize()];
        MemorySegment.copy(segment, LAYOUT, 0, out, 0, out.length);
        return out;
    }

    @Override
    public String toString() {
        return "DoubleArray" + (getSize() <= 16 ? Arrays.toString(toHeapArray()) : "[size " + getSize() + "]");
    }
}
