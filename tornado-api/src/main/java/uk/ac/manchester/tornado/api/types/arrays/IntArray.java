package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * A int array off the Java heap (see {@link TornadoNativeArray}). Memory is freed by the
 * garbage collector once the array is unreachable.
 */
public final class IntArray extends TornadoNativeArray {
    private static final ValueLayout.OfInt LAYOUT = ValueLayout.JAVA_INT;

    /** A zero-filled array of {@code numberOfElements} elements. */
    public IntArray(int numberOfElements) {
        super(numberOfElements, (int) LAYOUT.byteSize());
    }

    private IntArray(MemorySegment segment) {
        super(segment, (int) LAYOUT.byteSize());
    }

    /** A new off-heap array with a copy of {@code values}. */
    public static IntArray fromArray(int[] values) {
        IntArray a = new IntArray(values.length);
        MemorySegment.copy(values, 0, a.segment, LAYOUT, 0, values.length);
        return a;
    }

    public static IntArray fromElements(int... values) {
        return fromArray(values);
    }

    /** An array over existing memory (no copy); its size is the segment's size in elements. */
    public static IntArray fromSegment(MemorySegment segment) {
        return new IntArray(segment);
    }

    public int get(int index) {
        return segment.getAtIndex(LAYOUT, checked(index));
    }

    public void set(int index, int value) {
        segment.setAtIndex(LAYOUT, checked(index), value);
    }

    /** Sets every element to {@code value}. */
    public void init(int value) {
        for (int i = 0; i < getSize(); i++) segment.setAtIndex(LAYOUT, i, value);
    }

    /** A copy of the elements on the Java heap. */
    public int[] toHeapArray() {
        int[] out = new int[getSize()];
        MemorySegment.copy(segment, LAYOUT, 0, out, 0, out.length);
        return out;
    }

    @Override
    public String toString() {
        return "IntArray" + (getSize() <= 16 ? Arrays.toString(toHeapArray()) : "[size " + getSize() + "]");
    }
}
