package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * A char array off the Java heap (see {@link TornadoNativeArray}). Memory is freed by the
 * garbage collector once the array is unreachable.
 */
public final class CharArray extends TornadoNativeArray {
    private static final ValueLayout.OfChar LAYOUT = ValueLayout.JAVA_CHAR;

    /** A zero-filled array of {@code numberOfElements} elements. */
    public CharArray(int numberOfElements) {
        super(numberOfElements, (int) LAYOUT.byteSize());
    }

    private CharArray(MemorySegment segment) {
        super(segment, (int) LAYOUT.byteSize());
    }

    /** A new off-heap array with a copy of {@code values}. */
    public static CharArray fromArray(char[] values) {
        CharArray a = new CharArray(values.length);
        MemorySegment.copy(values, 0, a.segment, LAYOUT, 0, values.length);
        return a;
    }

    public static CharArray fromElements(char... values) {
        return fromArray(values);
    }

    /** An array over existing memory (no copy); its size is the segment's size in elements. */
    public static CharArray fromSegment(MemorySegment segment) {
        return new CharArray(segment);
    }

    public char get(int index) {
        return segment.getAtIndex(LAYOUT, checked(index));
    }

    public void set(int index, char value) {
        segment.setAtIndex(LAYOUT, checked(index), value);
    }

    /** Sets every element to {@code value}. */
    public void init(char value) {
        for (int i = 0; i < getSize(); i++) segment.setAtIndex(LAYOUT, i, value);
    }

    /** A copy of the elements on the Java heap. */
    public char[] toHeapArray() {
        char[] out = new char[getSize()];
        MemorySegment.copy(segment, LAYOUT, 0, out, 0, out.length);
        return out;
    }

    @Override
    public String toString() {
        return "CharArray" + (getSize() <= 16 ? Arrays.toString(toHeapArray()) : "[size " + getSize() + "]");
    }
}
