package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * A byte array off the Java heap (see {@link TornadoNativeArray}). Memory is freed by the
 * garbage collector once the array is unreachable.
 */
public final class ByteArray extends TornadoNativeArray {
    private static final ValueLayout.OfByte LAYOUT = ValueLayout.JAVA_BYTE;

    /** A zero-filled array of {@code numberOfElements} elements. */
    public ByteArray(int numberOfElements) {
        super(numberOfElements, (int) LAYOUT.byteSize());
    }

    private ByteArray(MemorySegment segment) {
        super(segment, (int) LAYOUT.byteSize());
    }

    /** A new off-heap array with a copy of {@code values}. */
    public static ByteArray fromArray(byte[] values) {
        ByteArray a = new ByteArray(values.length);
        MemorySegment.copy(values, 0, a.segment, LAYOUT, 0, values.length);
        return a;
    }

    public static ByteArray fromElements(byte... values) {
        return fromArray(values);
    }

    /** An array over existing memory (no copy); its size is the segment's size in elements. */
    public static ByteArray fromSegment(MemorySegment segment) {
        return new ByteArray(segment);
    }

    public byte get(int index) {
        return segment.getAtIndex(LAYOUT, checked(index));
    }

    public void set(int index, byte value) {
        segment.setAtIndex(LAYOUT, checked(index), value);
    }

    /** Sets every element to {@code value}. */
    public void init(byte value) {
        for (int i = 0; i < getSize(); i++) segment.setAtIndex(LAYOUT, i, value);
    }

    /** A copy of the elements on the Java heap. */
    public byte[] toHeapArray() {
        byte[] out = new byte[getSize()];
        MemorySegment.copy(segment, LAYOUT, 0, out, 0, out.length);
        return out;
    }

    @Override
    public String toString() {
        return "ByteArray" + (getSize() <= 16 ? Arrays.toString(toHeapArray()) : "[size " + getSize() + "]");
    }
}
