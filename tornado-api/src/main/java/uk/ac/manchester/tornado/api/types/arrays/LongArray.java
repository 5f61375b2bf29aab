package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * A long array off the Java heap (see {@link TornadoNativeArray}). Memory is freed by the
 * garbage collector once the array is unreachable.
 */
public final class LongArray extends TornadoNativeArray {
    private static final ValueLayout.OfLong LAYOUT = ValueLayout.JAVA_LONG;

    /** A zero-filled array of {@code numberOfElements} elements. */
    public LongArray(int numberOfElements) {
        super(numberOfElements, (int) LAYOUT.byteSize());
    }

    private LongArray(MemorySegment segment) {
        super(segment, (int) LAYOUT.byteSize());
    }

    /** A new off-heap array with a copy of {@code values}. */
    public static LongArray fromArray(long[] values) {
        LongArray a = new LongArray(values.length);
        MemorySegment.copy(values, 0, a.segment, LAYOUT, 0, values.length);
        return a;
    }

    public static LongArray fromElements(long... values) {
        return fromArray(values);
    }

    /** An array over existing memory (no copy); its size is the segment's size in elements. */
    public static LongArray fromSegment(MemorySegment segment) {
        return new LongArray(segment);
    }

    public long get(int index) {
        return segment.getAtIndex(LAYOUT, checked(index));
    }

    public void set(int index, long value) {
        segment.setAtIndex(LAYOUT, checked(index), value);
    }

    /** Sets every element to {@code value}. */
    public void init(long value) {
        for (int i = 0; i < getSize(); i++) segment.setAtIndex(LAYOUT, i, value);
    }

    /** A copy of the elements on the Java heap. */
    public long[] toHeapArray() {
        long[] out = new long[getSize()];
        MemorySegment.copy(segment, LAYOUT, 0, out, 0, out.length);
        return out;
    }

    @Override
    public String toString() {
        return "LongArray" + (getSize() <= 16 ? Arrays.toString(toHeapArray()) : "[size " + getSize() + "]");
    }
}
