package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An array of primitives off the Java heap, in a {@link MemorySegment}. The runtime hands the
 * segment's memory to the device driver (without a copy where the driver can use host memory),
 * and the JIT turns {@code get}, {@code set} and {@code getSize} into plain device memory accesses.
 * The element type lives in the subclasses; the memory bookkeeping is here, once.
 */
public abstract sealed class TornadoNativeArray
        permits FloatArray, IntArray, DoubleArray, LongArray, ShortArray, ByteArray, CharArray {
    /** The elements (no header: element i is at byte offset i * elementBytes). */
    final MemorySegment segment;
    private final int numberOfElements;
    private final int elementBytes;

    /** A zero-filled array. */
    TornadoNativeArray(int numberOfElements, int elementBytes) {
        if (numberOfElements < 0) throw new IllegalArgumentException("array size must not be negative: " + numberOfElements);
        this.numberOfElements = numberOfElements;
        this.elementBytes = elementBytes;
        // 64-byte alignment: what OpenCL drivers ask of host pointers they use without copying.
        this.segment = Arena.ofAuto().allocate(Math.max(1L, (long) numberOfElements * elementBytes), 64);
    }

    /** An array over existing memory (no copy). */
    TornadoNativeArray(MemorySegment segment, int elementBytes) {
        if (segment.byteSize() % elementBytes != 0 || segment.byteSize() / elementBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a segment of " + segment.byteSize() + " bytes is not a whole number of "
                    + elementBytes + "-byte elements");
        }
        this.segment = segment;
        this.elementBytes = elementBytes;
        this.numberOfElements = (int) (segment.byteSize() / elementBytes);
    }

    /** The index as a segment index, or an exception naming the array. */
    final long checked(int index) {
        if (index < 0 || index >= numberOfElements) {
            throw new ArrayIndexOutOfBoundsException("index " + index + " out of bounds for " + getClass().getSimpleName() + " of size " + numberOfElements);
        }
        return index;
    }

    /** Number of elements. */
    public int getSize() {
        return numberOfElements;
    }

    /** The memory of the elements (no header: element i is at byte offset i * getElementSize()). */
    public MemorySegment getSegment() {
        return segment.asSlice(0, getNumBytesOfSegment());
    }

    /** Size of the elements' memory in bytes. */
    public long getNumBytesOfSegment() {
        return (long) numberOfElements * elementBytes;
    }

    /** Same as {@link #getNumBytesOfSegment()}: this implementation keeps no header in the segment. */
    public long getNumBytesWithoutHeader() {
        return getNumBytesOfSegment();
    }

    /** Bytes per element. */
    public int getElementSize() {
        return elementBytes;
    }

    /** Sets every element to zero. */
    public void clear() {
        segment.fill((byte) 0);
    }
}
