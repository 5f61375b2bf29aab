package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * A int array off the Java heap (see {@link TornadoNativeArray}). Memory is freed by the
 * garbage collector once the array is unreachable.
 */
public final class IntArray extends TornadoNativeArray {
    private static final ValueLayout.OfInt LAYOUT = ValueLayout.JAVA_INT;
    private final MemorySegment segment;
    private final int numberOfElements;

    /** A zero-filled array of {@code numberOfElements} elements. */
    public IntArray(int numberOfElements) {
        if (numberOfElements < 0) throw new IllegalArgumentException("array size must not be negative: " + numberOfElements);
        this.numberOfElements = numberOfElements;
        // 64-byte alignment: what OpenCL drivers ask of host pointers they use without copying.
        this.segment = Arena.ofAuto().allocate(Math.max(1L, (long) numberOfElements * LAYOUT.byteSize()), 64);
    }

    private IntArray(MemorySegment segment) {
        if (segment.byteSize() % LAYOUT.byteSize() != 0 || segment.byteSize() / LAYOUT.byteSize() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a segment of " + segment.byteSize() + " bytes is not a whole number of int elements");
        }
        this.segment = segment;
        this.numberOfElements = (int) (segment.byteSize() / LAYOUT.byteSize());
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

    private long checked(int index) {
        if (index < 0 || index >= numberOfElements) {
            throw new ArrayIndexOutOfBoundsException("index " + index + " out of bounds for IntArray of size " + numberOfElements);
        }
        return index;
    }

    @Override
    public int getSize() {
        return numberOfElements;
    }

    /** Sets every element to {@code value}. */
    public void init(int value) {
        for (int i = 0; i < numberOfElements; i++) segment.setAtIndex(LAYOUT, i, value);
    }

    @Override
    public void clear() {
        segment.fill((byte) 0);
    }

    /** A copy of the elements on the Java heap. */
    public int[] toHeapArray() {
        int[] out = new int[numberOfElements];
        MemorySegment.copy(segment, LAYOUT, 0, out, 0, numberOfElements);
        return out;
    }

    @Override
    public MemorySegment getSegment() {
        return segment.asSlice(0, (long) numberOfElements * LAYOUT.byteSize());
    }

    @Override
    public long getNumBytesOfSegment() {
        return (long) numberOfElements * LAYOUT.byteSize();
    }

    @Override
    public int getElementSize() {
        return (int) LAYOUT.byteSize();
    }

    @Override
    public String toString() {
        return "IntArray" + (numberOfElements <= 16 ? Arrays.toString(toHeapArray()) : "[size " + numberOfElements + "]");
    }
}
